// Spec: docs/protocols/slack.md "Requests from Slack (HTTP mode)": verify first, answer within 3 seconds.
using Bot.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>Reads a request's raw body within the size limit and checks Slack's signature over exactly those bytes.</summary>
public sealed partial class SlackGate(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackGate> log)
{
    private static readonly IResult TooLarge = Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
    private static readonly IResult Unauthorized = Results.Unauthorized();

    /// <summary>The verified body (in a pooled buffer: the caller disposes it), or the refusal to answer with.</summary>
    public async Task<(PooledBody? Body, IResult? Refusal)> ReadVerifiedAsync(HttpContext http)
    {
        var request = http.Request;
        if (await BoundedBody.ReadPooledAsync(request.Body, request.ContentLength, SlackEndpoints.MaxBodyBytes, http.RequestAborted) is not { } body)
            return (null, TooLarge);
        var check = SlackSignature.Verify(options.Value.SigningSecret,
            request.Headers[SlackSignature.TimestampHeader].ToString(), request.Headers[SlackSignature.SignatureHeader].ToString(),
            body.Span, time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            body.Dispose();
            LogRefused(log, request.Path, check);
            return (null, Unauthorized);
        }
        return (body, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path}: signature {Check}")]
    private static partial void LogRefused(ILogger logger, PathString path, SignatureCheck check);
}
