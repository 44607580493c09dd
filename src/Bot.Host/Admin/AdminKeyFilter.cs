using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Bot.Host.Admin;

/// <summary>Checks <c>X-Api-Key</c> before any admin endpoint runs; compares hashes so timing reveals nothing, not even the length.</summary>
public sealed class AdminKeyFilter(IOptionsMonitor<AdminOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.CurrentValue.ApiKey;
        if (!Allows(context.HttpContext.Request))
        {
            return ValueTask.FromResult<object?>(Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: string.IsNullOrEmpty(expected) ? "The admin API is off: Admin:ApiKey is not set." : $"A valid {Header} header is required."));
        }
        return next(context);
    }

    /// <summary>The request carries the admin key (never true while <c>Admin:ApiKey</c> is unset).</summary>
    public bool Allows(HttpRequest request)
    {
        var expected = options.CurrentValue.ApiKey;
        var given = request.Headers[Header].ToString();
        return !string.IsNullOrEmpty(expected) && !string.IsNullOrEmpty(given) && Matches(given, expected);
    }

    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
