// Spec: docs/protocols/tencent-iot.md §2 (signing of appapi requests).
using System.Security.Cryptography;
using System.Text;

namespace Bot.TencentIot;

/// <summary>
/// Signature = Base64(HMAC-SHA1(AppSecret, S)), S = every parameter but <c>Signature</c>, sorted by
/// name (ordinal), <c>name=value</c> joined with <c>&amp;</c>, values raw; empty values are skipped.
/// </summary>
public static class TencentSignature
{
    public const string ParameterName = "Signature";

    public static string StringToSign(IEnumerable<TencentParameter> parameters) =>
        string.Join('&', parameters
            .Where(p => p.Name != ParameterName && p.Value.Length > 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    public static string Sign(IEnumerable<TencentParameter> parameters, string appSecret) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(StringToSign(parameters))));

    /// <summary>Compares in constant time.</summary>
    public static bool Verify(IEnumerable<TencentParameter> parameters, string appSecret, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parameters, appSecret)), Encoding.ASCII.GetBytes(signature ?? ""));
}
