using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Commands;
using Bot.Core.Devices;
using Bot.Core.Integrations;
using Bot.Core.Text;
using Bot.Slack;
using Microsoft.AspNetCore.WebUtilities;

namespace Bot.Bench.Micro;

/// <summary>
/// The pieces of one signed <c>/call aqm0523</c>, each alone: what the request path costs in CPU besides
/// ASP.NET Core itself (`dotnet run -c Release --project bench/Bot.Bench -- micro`).
/// </summary>
[MemoryDiagnoser]
public class CommandPieces
{
    private const string Secret = "bench-signing-secret";
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private readonly byte[] _body = Encoding.UTF8.GetBytes(
        "token=x&team_id=TBENCH&team_domain=bench&channel_id=CBENCH&channel_name=bench&user_id=UBENCH1&user_name=bench&command=%2Fcall&text=aqm0523" +
        "&api_app_id=ABENCH&response_url=http%3A%2F%2F127.0.0.1%3A9%2Funused&trigger_id=1.2.3");
    private static readonly BotClock Clock = new(TimeProvider.System, TimeZoneInfo.Utc);
    private readonly CallCards _cards = new(Clock, Simulation.None);
    private readonly BotClock _clock = Clock;
    private readonly CallTokens _tokens = new(new NoStoredKeys(), Microsoft.Extensions.Options.Options.Create(new Bot.Core.BotOptions { CallTokenSecret = Secret }));
    private readonly Device _device = new() { DeviceId = "aqm0523", IsdpDeviceId = "aqm0523--1", ChatJid = "759646@saasgroupchat.example.com", Alias = "泵房" };
    private string _timestamp = "";
    private string _signature = "";
    private Call _call = null!;
    private BotReply _card = null!;

    [GlobalSetup]
    public void Setup()
    {
        _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _signature = SlackSignature.Header(Secret, _timestamp, _body);
        _call = new Call
        {
            Id = "0123456789abcdef0123", DeviceId = "aqm0523", ChannelKey = "slack:CBENCH", RequestedBy = new ChatUser("slack", "UBENCH1", "bench"),
            State = CallState.Pending, CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
        };
        _card = _cards.Confirmation(_call, _device, Texts.Chinese, _call.Id);
    }

    [Benchmark]
    public SignatureCheck Signature() => SlackSignature.Verify(Secret, _timestamp, _signature, _body, DateTimeOffset.UtcNow);

    /// <summary>The form as the endpoint reads it now: only the fields a command needs, decoded from one string.</summary>
    [Benchmark]
    public SlashCommand? FormParsing() => SlashCommand.From(SlackForm.Of(_body).Field);

    /// <summary>The form as it was read before: the framework's parser into a dictionary of every field.</summary>
    [Benchmark]
    public SlashCommand? FormParsingDictionary()
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(_body));
        return SlashCommand.From(name => form.TryGetValue(name, out var v) ? v.ToString() : null);
    }

    [Benchmark]
    public BotCommand CommandParsing() => CommandParser.Parse("call aqm0523");

    [Benchmark]
    public BotReply CardBuilding() => _cards.Confirmation(_call, _device, Texts.Chinese, _call.Id);

    /// <summary>The translation as a tree (posts, edits and response_url replies, which add members before sending).</summary>
    [Benchmark]
    public SlackMessage BlockKitTranslation() => BlockKit.Translate(_card, Texts.Chinese);

    /// <summary>Before: the translation copied into a JSON object with the answer's extra member, then written as a string.</summary>
    [Benchmark]
    public string JsonWritingAsString() => BlockKit.Translate(_card, Texts.Chinese).ToJson(("response_type", "ephemeral")).ToJsonString(Wire);

    /// <summary>Now: the card translated straight into JSON (no tree of the blocks), as the slash command's answer writes it.</summary>
    [Benchmark]
    public int JsonWriting()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Wire.Encoder })) BlockKit.Write(writer, _card, Texts.Chinese, "response_type", "ephemeral");
        return buffer.WrittenCount;
    }

    [Benchmark]
    public string CallId() => CallIds.New();

    [Benchmark]
    public ValueTask<string> TokenSigning() => _tokens.IssueAsync(_call, default);

    [Benchmark]
    public string TimeShown() => _clock.Show(DateTimeOffset.UtcNow);
}
