using System.Buffers.Text;
using System.Text;
using Bot.Core.Channels;

namespace Bot.Core.Calls;

/// <summary>
/// A pending call written into its confirmation card's buttons: <c>{call id}.{payload}.{signature}</c>, the payload
/// (device, channel, requester, locale, created, expires) in a small binary form, both parts base64url. The signature
/// is <see cref="CallTokens"/>' business; this is only the layout. A few hundred characters at most (the chat
/// platforms allow 2,000 in a button's value).
/// </summary>
public static class CallToken
{
    private const byte Version = 1;
    private const int MaxCallId = 64;

    /// <summary>Whether a button's id is a token (a plain call id has no dots).</summary>
    public static bool IsToken(string id) => id.Contains('.', StringComparison.Ordinal);

    /// <summary>The call id a button's id names, token or plain (not checked: for logs and tests).</summary>
    public static string CallIdOf(string id) => IsToken(id) ? id[..id.IndexOf('.', StringComparison.Ordinal)] : id;

    /// <summary>The signed part (<c>{call id}.{payload}</c>) of a pending call.</summary>
    public static string Body(Call call)
    {
        using var bytes = new MemoryStream(128);
        using (var w = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write(call.DeviceId);
            w.Write(call.ChannelKey);
            w.Write(call.RequestedBy.Platform);
            w.Write(call.RequestedBy.Id);
            w.Write(call.RequestedBy.Name);
            w.Write(call.Locale ?? "");
            w.Write7BitEncodedInt64(call.CreatedAt.ToUnixTimeMilliseconds());
            w.Write7BitEncodedInt64((long)(call.ExpiresAt - call.CreatedAt).TotalMilliseconds);
        }
        return call.Id + "." + Base64Url.EncodeToString(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
    }

    /// <summary>Splits a token into its signed part and its signature; false when it is not shaped as one.</summary>
    public static bool TrySplit(string token, out string body, out string signature)
    {
        var last = token.LastIndexOf('.');
        body = last > 0 ? token[..last] : "";
        signature = last > 0 ? token[(last + 1)..] : "";
        return last > 0 && body.Contains('.', StringComparison.Ordinal) && signature.Length > 0;
    }

    /// <summary>The pending call a (verified) signed part describes; null when it does not read as one.</summary>
    public static Call? Read(string body)
    {
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot > MaxCallId) return null;
        var id = body[..dot];
        if (!id.All(char.IsAsciiLetterOrDigit)) return null;
        try
        {
            var bytes = Base64Url.DecodeFromChars(body.AsSpan(dot + 1));
            using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (r.ReadByte() != Version) return null;
            var deviceId = r.ReadString();
            var channelKey = r.ReadString();
            var user = new ChatUser(r.ReadString(), r.ReadString(), r.ReadString());
            var locale = r.ReadString();
            var created = DateTimeOffset.FromUnixTimeMilliseconds(r.Read7BitEncodedInt64());
            var expires = created.AddMilliseconds(r.Read7BitEncodedInt64());
            if (r.BaseStream.Position != bytes.Length) return null;
            return new Call
            {
                Id = id,
                DeviceId = deviceId,
                ChannelKey = channelKey,
                RequestedBy = user,
                Locale = locale.Length == 0 ? null : locale,
                State = CallState.Pending,
                CreatedAt = created,
                ExpiresAt = expires,
            };
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or ArgumentException or IOException)
        {
            return null;
        }
    }
}
