// Spec: docs/protocols/slack.md "Requests from Slack (HTTP mode)": the answer to a slash command is its response body.
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Bot.Slack;

/// <summary>
/// The ephemeral answer to a slash command, its Block Kit written as JSON straight into a pooled buffer and sent with its
/// length: no tree of the blocks, no string of the whole answer.
/// </summary>
public sealed class SlackAnswer(SlackReply answer) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";
    private static readonly JsonWriterOptions Wire = new() { Encoder = SlackJson.Wire.Encoder };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = new PooledJsonBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, Wire)) BlockKit.Write(writer, answer.Reply, answer.Texts, "response_type", "ephemeral");
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
