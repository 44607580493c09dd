using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Bot.Host.Admin;

/// <summary>Reads admin request bodies so that a malformed one gets a 400 naming the field, not a generic error.</summary>
public static class AdminJson
{
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>Strict: an unknown field is an error, so a typo is not silently dropped.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = AdminJsonContext.Default,
    };

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Invalid("body", "must be JSON (Content-Type: application/json)"));
        if (request.ContentLength > MaxBodyBytes)
            return (null, Invalid("body", $"must be at most {MaxBodyBytes} bytes"));
        try
        {
            // The body types are in the source-generated context; a type missing from it fails here, in every build.
            var value = await JsonSerializer.DeserializeAsync(request.Body, (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T)), cancellationToken);
            return value is null ? (null, Invalid("body", "is required")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, Invalid(field, "is malformed or of the wrong type"));
        }
    }

    public static IResult Invalid(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"{field} {problem}"] });

    public static IResult Invalid(IEnumerable<(string Field, string Problem)> problems) =>
        Results.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => $"{p.Field} {p.Problem}").ToArray()));
}
