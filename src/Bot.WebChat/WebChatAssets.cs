using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Bot.WebChat;

/// <summary>The page's files, embedded in this assembly (the renderer bundle is added by the build from npm).</summary>
public static class WebChatAssets
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
        ["lib/adaptivecards.min.js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The page builds everything with DOM calls and textContent; nothing inline, nothing from elsewhere.
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IResult Serve(string file)
    {
        if (!ContentTypes.TryGetValue(file, out var contentType)) return Results.NotFound();
        var stream = typeof(WebChatAssets).Assembly.GetManifestResourceStream("webchat/" + file);
        if (stream is null) return Results.NotFound();
        return new Asset(stream, contentType);
    }

    private sealed class Asset(Stream stream, string contentType) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await using var _ = stream;
            var headers = httpContext.Response.Headers;
            headers.CacheControl = "no-cache";
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = Policy;
            headers["Referrer-Policy"] = "no-referrer";
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = stream.Length;
            await stream.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
        }
    }
}
