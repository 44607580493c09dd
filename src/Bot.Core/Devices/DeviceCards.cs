using Bot.Core.Cards;
using Bot.Core.Text;
using static Bot.Core.Cards.CardParts;

namespace Bot.Core.Devices;

/// <summary>The channel's device list (each with a Call button) and the help card.</summary>
public static class DeviceCards
{
    public static BotReply List(IReadOnlyList<Device> devices, Texts t)
    {
        if (devices.Count == 0) return Message(t[TextId.NoDevicesHere], t[TextId.DevicesTitle]);

        var body = new List<CardElement>
        {
            Title(t[TextId.DevicesTitle]),
            Subtle(t.Format(TextId.DevicesIntro, devices.Count)),
        };
        foreach (var device in devices)
        {
            body.Add(new ColumnSet(
            [
                new Column([Paragraph(device.Label()) with { Weight = TextWeights.Bolder }, Subtle(device.IsdpDeviceId)]) { Width = "stretch" },
                new Column([new ActionSet([Button(t[TextId.ActionCall], CardVerbs.CallStart, device.DeviceId)])]) { Width = "auto" },
            ]) { Separator = true });
        }
        var text = $"{t[TextId.DevicesTitle]}: {string.Join(", ", devices.Select(d => d.Label()))}";
        return new BotReply(new AdaptiveCard { Body = body, FallbackText = text }, text);
    }

    public static BotReply Help(Texts t, string? unknown = null)
    {
        var lines = new[] { TextId.HelpCall, TextId.HelpDevices, TextId.HelpMap, TextId.HelpUnmap, TextId.HelpAlarms, TextId.HelpAlarmsAll, TextId.HelpOnCall, TextId.HelpOnCallChange, TextId.HelpSilences, TextId.HelpUnsilence, TextId.HelpHelp }.Select(id => t[id]).ToList();
        var body = new List<CardElement>();
        if (unknown is not null) body.Add(Paragraph(t.Format(TextId.UnknownCommand, unknown)) with { Color = TextColors.Warning });
        body.Add(Title(t[TextId.HelpTitle]));
        body.AddRange(lines.Select(line => (CardElement)Markdown(line)));   // the catalog's own `code`
        var text = string.Join("\n", (unknown is null ? [] : new[] { t.Format(TextId.UnknownCommand, unknown) }).Concat([t[TextId.HelpTitle]]).Concat(lines));
        return new BotReply(new AdaptiveCard { Body = body, FallbackText = text }, text);
    }
}
