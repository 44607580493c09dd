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
        // The layout of BinaryWriter (a 7-bit length before each UTF-8 string), written into one pooled buffer.
        string[] texts = [call.DeviceId, call.ChannelKey, call.RequestedBy.Platform, call.RequestedBy.Id, call.RequestedBy.Name, call.Locale ?? ""];
        var size = 1 + 2 * 10;
        foreach (var text in texts) size += 5 + Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var at = 0;
            buffer[at++] = Version;
            foreach (var text in texts)
            {
                var length = Encoding.UTF8.GetByteCount(text);
                at += Write7Bit(buffer.AsSpan(at), length);
                at += Encoding.UTF8.GetBytes(text, buffer.AsSpan(at));
            }
            at += Write7Bit(buffer.AsSpan(at), call.CreatedAt.ToUnixTimeMilliseconds());
            at += Write7Bit(buffer.AsSpan(at), (long)(call.ExpiresAt - call.CreatedAt).TotalMilliseconds);
            var payload = buffer.AsSpan(0, at);
            var encodedLength = Base64Url.GetEncodedLength(at);
            var chars = encodedLength <= 512 ? stackalloc char[encodedLength] : new char[encodedLength];
            Base64Url.EncodeToChars(payload, chars);
            return string.Concat(call.Id, ".", chars);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // BinaryWriter.Write7BitEncodedInt64's bytes: seven bits at a time, low first, the high bit saying "more follows".
    private static int Write7Bit(Span<byte> into, long value)
    {
        var rest = (ulong)value;
        var at = 0;
        while (rest > 0x7Fu)
        {
            into[at++] = (byte)((uint)rest | ~0x7Fu);
            rest >>= 7;
        }
        into[at++] = (byte)rest;
        return at;
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
