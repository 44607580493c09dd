using System.Globalization;

namespace Bot.Core.Text;

/// <summary>An instant (whole Unix seconds) as <see cref="BotClock.Show"/> wrote it under <see cref="Culture"/>.</summary>
internal sealed record ShownInstant(long Second, CultureInfo Culture, string Text);
