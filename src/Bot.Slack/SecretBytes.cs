namespace Bot.Slack;

/// <summary>A signing secret and its UTF-8 bytes, computed once rather than for every request.</summary>
internal sealed record SecretBytes(string Secret, byte[] Bytes);
