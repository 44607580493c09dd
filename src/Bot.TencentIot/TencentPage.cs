namespace Bot.TencentIot;

/// <summary>One page of the message list, newest first; <c>ListOver</c>: nothing further back.</summary>
public sealed record TencentPage(IReadOnlyList<TencentMessage> Messages, bool ListOver);
