// Spec: docs/protocols/teams-bot-framework.md, "Requests from the channel: POST /api/messages".
using Bot.Core;
using System.Text.Json;
using Bot.Teams.Activities;
using Bot.Teams.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Teams.Endpoint;

public static partial class TeamsEndpoints
{
    public const string MessagesPath = "/api/messages";
    /// <summary>Activities are small; a card-laden invoke stays far below this.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Maps <c>POST /api/messages</c> when Teams is configured; otherwise nothing.</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsEndpoints).FullName!);
        if (!options.Enabled)
        {
            LogOff(log);
            return app;
        }
        app.MapPost(MessagesPath, ReceiveAsync).ExcludeFromDescription();
        LogOn(log, options.MicrosoftAppType, MessagesPath);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, ChannelTokenValidator validator, TeamsActivities activities, ILoggerFactory logs)
    {
        var cancellationToken = http.RequestAborted;

        // 1. The token, before the body is even read.
        var (token, reason) = await validator.ValidateAsync(http.Request.Headers.Authorization.ToString(), cancellationToken);
        if (token is null)
        {
            // The logger only for a refusal: the factory looks its loggers up under a lock every request would take.
            LogRefused(Log(logs), reason);
            return Results.Unauthorized();
        }

        // 2. The activity.
        var activity = await ReadActivityAsync(http.Request, cancellationToken);
        if (activity is null) return Results.Problem("The body is not a Bot Framework activity.", statusCode: StatusCodes.Status400BadRequest);

        // 3. The token must belong to this activity: same serviceUrl, key endorsed for its channel.
        var verdict = ChannelTokenValidator.Verdict(token, activity);
        if (!verdict.Accepted)
        {
            LogRefused(Log(logs), verdict.Reason);
            return Results.Unauthorized();
        }

        var answer = await activities.HandleAsync(activity, cancellationToken);
        if (answer.Invoke is { } invoke)
            return Results.Json(invoke, TeamsJson.Default.AdaptiveCardInvokeResponse, statusCode: answer.Status);
        return answer.Status == StatusCodes.Status200OK
            ? Results.Ok()
            : Results.Problem("The activity lacks its conversation or sender.", statusCode: answer.Status);
    }

    private static ILogger Log(ILoggerFactory logs) => logs.CreateLogger(typeof(TeamsEndpoints).FullName!);

    private static async Task<Activity?> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await BoundedBody.ReadPooledAsync(request.Body, request.ContentLength, MaxBodyBytes, cancellationToken);
        if (body is null) return null;
        try
        {
            // The activity's strings are copied out of the pooled buffer, which goes back when this returns.
            var activity = JsonSerializer.Deserialize(body.Span, TeamsJson.Default.Activity);
            return activity is { Type.Length: > 0, ServiceUrl.Length: > 0 } && Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
                   && (serviceUrl.Scheme == Uri.UriSchemeHttps || serviceUrl.Scheme == Uri.UriSchemeHttp)
                ? activity
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams is off (Teams:MicrosoftAppId is empty)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams is on ({AppType}); the channel posts to {Path}")]
    private static partial void LogOn(ILogger logger, string appType, string path);
}
