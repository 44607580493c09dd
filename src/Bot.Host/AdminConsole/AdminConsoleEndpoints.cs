using System.Reflection;
using Bot.Host.Admin;
using Microsoft.AspNetCore.Antiforgery;

namespace Bot.Host.AdminConsole;

/// <summary>
/// The admin console at <c>/admin/</c>: a static page (HTML, JS, CSS shipped inside the host) that uses the admin API.
/// Signing in exchanges the admin key for an HTTP-only, same-site session cookie and an antiforgery token that every
/// console request sends back in <see cref="CsrfHeader"/>; the API's own rules (validation, 400s) are the console's.
/// </summary>
public static class AdminConsoleEndpoints
{
    public const string CsrfHeader = "X-CSRF-Token";
    public const string CsrfCookie = "bot-admin-csrf";
    private const string Path = "/admin";

    public sealed record SignIn(string? Key);

    /// <summary>A signed-in console's antiforgery token, sent back in <see cref="CsrfHeader"/>.</summary>
    public sealed record ConsoleSession(string? Csrf);

    public static IServiceCollection AddAdminConsole(this IServiceCollection services)
    {
        services.AddSingleton<AdminSessions>();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfHeader;
            o.Cookie.Name = CsrfCookie;
            o.Cookie.Path = Path;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapAdminConsole(this IEndpointRouteBuilder app)
    {
        // "/admin" and "/admin/" are one route; the page's relative links need the slash.
        app.MapGet($"{Path}/", (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
                ? Page(context, "index.html", "text/html; charset=utf-8")
                : Results.Redirect($"{Path}/"))
            .ExcludeFromDescription();
        app.MapGet($"{Path}/console.js", (HttpContext context) => Page(context, "console.js", "text/javascript; charset=utf-8")).ExcludeFromDescription();
        app.MapGet($"{Path}/console.css", (HttpContext context) => Page(context, "console.css", "text/css; charset=utf-8")).ExcludeFromDescription();
        // The console's words in both languages: nothing secret, so the sign-in form can speak them too.
        app.MapGet($"{Path}/console/texts", () => Results.Ok(ConsoleTexts.Both())).ExcludeFromDescription();

        app.MapPost($"{Path}/session", async (HttpContext context, AdminKeyFilter keys, AdminSessions sessions, IAntiforgery antiforgery, CancellationToken ct) =>
            {
                var (body, error) = await AdminJson.ReadAsync<SignIn>(context.Request, ct);
                if (error is not null) return error;
                if (!keys.IsKey(body!.Key))
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "That is not the admin key.");
                context.Response.Cookies.Append(AdminSessions.Cookie, sessions.Start(), new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = context.Request.IsHttps,
                    Path = Path,
                    MaxAge = AdminSessions.Lifetime,
                });
                return Results.Ok(new ConsoleSession(antiforgery.GetAndStoreTokens(context).RequestToken));
            })
            .ExcludeFromDescription();

        // A reload of the page: still signed in? Then a fresh token.
        app.MapGet($"{Path}/session", (HttpContext context, AdminKeyFilter keys, IAntiforgery antiforgery) =>
                keys.InSession(context.Request)
                    ? Results.Ok(new ConsoleSession(antiforgery.GetAndStoreTokens(context).RequestToken))
                    : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Not signed in."))
            .ExcludeFromDescription();

        app.MapDelete($"{Path}/session", async (HttpContext context, AdminSessions sessions, IAntiforgery antiforgery) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"The console's CSRF token (header {CsrfHeader}) is missing or wrong.");
                sessions.End(context.Request.Cookies[AdminSessions.Cookie]);
                context.Response.Cookies.Delete(AdminSessions.Cookie, new CookieOptions { Path = Path });
                return Results.NoContent();
            })
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Page(HttpContext context, string file, string contentType)
    {
        var headers = context.Response.Headers;
        // Only the console's own files run; it is never framed; the browser does not guess types.
        headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"AdminConsole/{file}")
            ?? throw new InvalidOperationException($"The console's {file} is not in the build.");
        return Results.Stream(stream, contentType);
    }
}
