// Spec: docs/protocols/slack.md "Requests from Slack (HTTP mode)": verify first, answer within 3 seconds.
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>
/// <c>/slack/commands</c>, <c>/slack/interactions</c>, <c>/slack/events</c>. Every request is read raw (up to
/// <see cref="MaxBodyBytes"/>), its signature checked, and only then parsed; a bad one gets 401 and changes nothing.
/// </summary>
public static partial class SlackEndpoints
{
    /// <summary>Slack's largest payloads (interactions carrying a 50-block message) stay well under this.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.HttpEnabled) return app;
        var slack = app.MapGroup("/slack").ExcludeFromDescription();
        slack.MapPost("/commands", CommandsAsync);
        slack.MapPost("/interactions", InteractionsAsync);
        slack.MapPost("/events", EventsAsync);
        return app;
    }

    private static async Task<IResult> CommandsAsync(HttpContext http, SlackRequestHandler handler, SlackGate gate)
    {
        var (body, refusal) = await gate.ReadVerifiedAsync(http);
        if (refusal is not null) return refusal;
        SlackForm form;
        using (body) form = SlackForm.Of(body!.Span);
        if (SlashCommand.From(form.Field) is not { } command) return Refuse("not a slash command");
        return new SlackAnswer(await handler.AnswerAsync(command, http.RequestAborted));
    }

    private static async Task<IResult> InteractionsAsync(HttpContext http, SlackRequestHandler handler, SlackGate gate)
    {
        var (body, refusal) = await gate.ReadVerifiedAsync(http);
        if (refusal is not null) return refusal;
        string? payload;
        using (body) payload = SlackForm.Of(body!.Span).Field("payload");
        if (payload is null) return Refuse("payload is missing");
        try
        {
            using var doc = JsonDocument.Parse(payload);
            if (BlockAction.FromJson(doc.RootElement) is { } action) handler.Action(action);
        }
        catch (JsonException)
        {
            return Refuse("payload is not JSON");
        }
        // Other interaction types (menus, modals, shortcuts) are not offered by the bot's messages: acknowledged, ignored.
        return Results.Ok();
    }

    private static async Task<IResult> EventsAsync(HttpContext http, SlackRequestHandler handler, SlackGate gate)
    {
        var (body, refusal) = await gate.ReadVerifiedAsync(http);
        if (refusal is not null) return refusal;
        using var verified = body!;
        try
        {
            // The document reads the pooled buffer itself: it is disposed (below) before the buffer goes back.
            using var doc = JsonDocument.Parse(verified.Memory);
            var root = doc.RootElement;
            switch (SlackJson.Str(root, "type"))
            {
                case "url_verification":
                    return Results.Json(new SlackChallenge(SlackJson.Str(root, "challenge") ?? ""), SlackEndpointJsonContext.Default.SlackChallenge);
                case "event_callback":
                    handler.Event(root);
                    break;
            }
        }
        catch (JsonException)
        {
            return Refuse("body is not JSON");
        }
        return Results.Ok();
    }

    private static IResult Refuse(string error) =>
        Results.Json(new SlackRefusal(error), SlackEndpointJsonContext.Default.SlackRefusal, statusCode: StatusCodes.Status400BadRequest);

    internal static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Form(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
}
