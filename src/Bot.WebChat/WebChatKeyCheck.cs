using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Bot.WebChat;

/// <summary>
/// The page's API (stream, messages, clicks) answers only requests carrying the per-start key
/// (<see cref="WebChatOptions.AccessKey"/>) in <see cref="Header"/>. The page itself is served without it: the key
/// travels in the address's fragment, which browsers never send. Hashes are compared so timing reveals nothing.
/// </summary>
public sealed class WebChatKeyCheck(IOptions<WebChatOptions> options) : IEndpointFilter
{
    public const string Header = "X-WebChat-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (Allows(context.HttpContext.Request)) return next(context);
        return ValueTask.FromResult<object?>(Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: $"A valid {Header} header is required: open the address the bot printed when it started (it ends with #key=…)."));
    }

    public bool Allows(HttpRequest request)
    {
        var expected = options.Value.AccessKey;
        var given = request.Headers[Header].ToString();
        return expected.Length > 0 && given.Length > 0
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
