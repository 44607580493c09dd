namespace Bot.TencentIot;

/// <summary>One request parameter as it is sent: numbers in decimal, strings raw.</summary>
public readonly record struct TencentParameter(string Name, string Value, bool IsNumber)
{
    public static TencentParameter Text(string name, string value) => new(name, value, false);
    public static TencentParameter Number(string name, long value) => new(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture), true);
}
