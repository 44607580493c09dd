// Spec: docs/protocols/slack.md "Requests from Slack (HTTP mode)": the answer to a slash command is its response body.
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Bot.Slack;

/// <summary>
/// The ephemeral answer to a slash command, written as JSON into a pooled buffer and sent with its length: no string
/// of the whole answer, no copy of its blocks.
/// </summary>
public sealed class SlackAnswer(SlackMessage message) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";
    private static readonly JsonWriterOptions Wire = new() { Encoder = SlackJson.Wire.Encoder };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = new PooledJsonBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, Wire)) message.WriteTo(writer, "response_type", "ephemeral");
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.ContentLength = buffer.Written.Length;
            await response.Body.WriteAsync(buffer.Written, httpContext.RequestAborted);
        }
        finally
        {
            buffer.Dispose();
        }
    }
}
