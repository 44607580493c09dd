namespace Bot.TencentIot.Tests;

public sealed class TencentCursorTests
{
    private static readonly TencentPosition A = new(1_574_855_521_420, "65167410520395776");
    private static readonly TencentPosition B = new(1_574_855_521_500, "65167410520395999");
    private static readonly TencentPosition C = new(1_574_855_521_900, "65167410520396123");

    [Fact]
    public void A_cursor_without_a_gap_is_the_position_alone_as_cursors_were_before_gaps()
    {
        Assert.Equal(A.ToCursor(), new TencentCursor(A, null).ToText());
        Assert.Equal(new TencentCursor(A, null), TencentCursor.Parse(A.ToCursor()));
    }

    [Fact]
    public void A_gap_survives_the_round_trip_with_and_without_a_floor()
    {
        var withFloor = new TencentCursor(C, new TencentGap(A, B));
        var fromStart = new TencentCursor(C, new TencentGap(null, B));

        Assert.Equal(withFloor, TencentCursor.Parse(withFloor.ToText()));
        Assert.Equal(fromStart, TencentCursor.Parse(fromStart.ToText()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("1:2|x|3:4")]
    [InlineData("1:2|3:4")]
    [InlineData("1:2||")]
    public void Anything_else_reads_the_list_from_the_top(string? text)
    {
        var cursor = TencentCursor.Parse(text);
        Assert.Null(cursor.Gap);
        if (text is not "not a cursor") Assert.True(cursor == TencentCursor.Start || cursor.Newest is null);
    }
}
