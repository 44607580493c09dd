// Spec: docs/protocols/slack.md "Requests from Slack (HTTP mode)": verify first, answer within 3 seconds.
using Bot.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>Reads a request's raw body within the size limit and checks Slack's signature over exactly those bytes.</summary>
public sealed partial class SlackGate(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackGate> log)
{
    public async Task<(byte[]? Body, IResult? Refusal)> ReadVerifiedAsync(HttpContext http)
    {
        var request = http.Request;
        if (await BoundedBody.ReadAsync(request.Body, request.ContentLength, SlackEndpoints.MaxBodyBytes, http.RequestAborted) is not { } body)
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        var check = SlackSignature.Verify(options.Value.SigningSecret,
            request.Headers[SlackSignature.TimestampHeader].ToString(), request.Headers[SlackSignature.SignatureHeader].ToString(),
            body, time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            LogRefused(log, request.Path, check);
            return (null, Results.Unauthorized());
        }
        return (body, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path}: signature {Check}")]
    private static partial void LogRefused(ILogger logger, PathString path, SignatureCheck check);
}
