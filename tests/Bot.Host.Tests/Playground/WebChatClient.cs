using System.Net.Http.Json;
using System.Text.Json;

namespace Bot.Host.Tests.Playground;

/// <summary>Talks to the web chat endpoints the way the page does.</summary>
public sealed class WebChatClient(HttpClient http, string userId = "guest-test", string name = "Ann", string locale = "en-US")
{
    public string UserId => userId;
    public string Name => name;

    public async Task<JsonElement> SayAsync(string text)
    {
        var response = await http.PostAsJsonAsync("/web/messages", new { user = new { id = userId, name }, locale, text });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public async Task<JsonElement> ClickAsync(string verb, string id, string? messageId)
    {
        var response = await http.PostAsJsonAsync("/web/actions", new { user = new { id = userId, name }, locale, verb, id, messageId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>The first Action.Execute of a card with this verb: (verb, data.id).</summary>
    public static string ActionId(JsonElement message, string verb)
    {
        foreach (var action in AllActions(message.GetProperty("card")))
            if (action.GetProperty("type").GetString() == "Action.Execute" && action.GetProperty("verb").GetString() == verb)
                return action.GetProperty("data").GetProperty("id").GetString()!;
        throw new InvalidOperationException($"no {verb} action on {message}");
    }

    private static IEnumerable<JsonElement> AllActions(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("type", out var type) && type.GetString()?.StartsWith("Action.", StringComparison.Ordinal) == true)
                yield return node;
            foreach (var property in node.EnumerateObject())
                foreach (var action in AllActions(property.Value)) yield return action;
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
                foreach (var action in AllActions(item)) yield return action;
        }
    }
}
