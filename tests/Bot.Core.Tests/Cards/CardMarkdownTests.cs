using Bot.Core.Cards;

namespace Bot.Core.Tests.Cards;

public sealed class CardMarkdownTests
{
    [Theory]
    [InlineData("泵房 (aqm0523)")]
    [InlineData("2026-11-22 19:36:05 (UTC+08:00)")]
    [InlineData("a-b+c.d)")]
    [InlineData("12 - x")]
    [InlineData("a - b\nc + d\n12 e.")]
    public void Text_whose_block_characters_start_no_block_is_returned_as_it_is(string plain) =>
        Assert.Same(plain, CardMarkdown.Escape(plain));

    [Theory]
    [InlineData("- item", "\\- item")]
    [InlineData("  + item", "  \\+ item")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("12) twelfth", "12\\) twelfth")]
    [InlineData("line\n- item", "line\n\\- item")]
    [InlineData("a - b\nc + d\n\n + e", "a - b\nc + d\n\n \\+ e")]
    [InlineData("泵房 (aqm0523)\n3. third", "泵房 (aqm0523)\n3\\. third")]
    [InlineData("a_b (c)", "a\\_b (c)")]
    public void A_character_that_would_start_a_block_is_escaped_and_reads_back_as_typed(string plain, string escaped)
    {
        Assert.Equal(escaped, CardMarkdown.Escape(plain));
        Assert.Equal(plain, CardMarkdown.Unescape(escaped));
    }
}
