namespace Bot.Core.Calls;

/// <summary>
/// The caller fields of <c>directives_attrs</c>. When an invite carries none, the ISDP client
/// uses the API account's own <c>plat_user</c> from the token response.
/// </summary>
public sealed record IsdpCaller(long UserId, string UserName, string UserNo, int TenantId);
