using System.Security.Cryptography;
using System.Text;
using Bot.Host.AdminConsole;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Bot.Host.Admin;

/// <summary>
/// Checks <c>X-Api-Key</c> before any admin endpoint runs; compares hashes so timing reveals nothing, not even the length.
/// The admin console's session cookie counts as the key when the request also carries the console's CSRF token
/// (ASP.NET Core antiforgery; reads are safe without one).
/// </summary>
public sealed class AdminKeyFilter(IOptionsMonitor<AdminOptions> options, AdminSessions sessions, IAntiforgery antiforgery) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.CurrentValue.ApiKey;
        var http = context.HttpContext;
        if (Allows(http.Request)) return await next(context);
        if (InSession(http.Request))
        {
            if (await antiforgery.IsRequestValidAsync(http)) return await next(context);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"The console's CSRF token (header {AdminConsoleEndpoints.CsrfHeader}) is missing or wrong.");
        }
        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: string.IsNullOrEmpty(expected) ? "The admin API is off: Admin:ApiKey is not set." : $"A valid {Header} header is required.");
    }

    /// <summary>The request carries the admin key (never true while <c>Admin:ApiKey</c> is unset).</summary>
    public bool Allows(HttpRequest request) => IsKey(request.Headers[Header].ToString());

    /// <summary><paramref name="given"/> is the admin key (never true while <c>Admin:ApiKey</c> is unset).</summary>
    public bool IsKey(string? given)
    {
        var expected = options.CurrentValue.ApiKey;
        return !string.IsNullOrEmpty(expected) && !string.IsNullOrEmpty(given) && Matches(given, expected);
    }

    /// <summary>The request carries a live console session cookie (its CSRF token is checked separately).</summary>
    public bool InSession(HttpRequest request) => sessions.IsValid(request.Cookies[AdminSessions.Cookie]);

    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
