using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Core;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.WebChat;

/// <summary>
/// The web chat's HTTP side: the page and its files, the page's texts, typed text and clicks in
/// (answered with the Core's cards as card JSON), and a Server-Sent Events stream of the room.
/// Adapter only: every answer comes from <see cref="ChatRequests"/>.
/// </summary>
public static partial class WebChatEndpoints
{
    public const int MaxTextLength = 2000;
    public const int MaxNameLength = 64;
    public const int MaxBodyBytes = 16 * 1024;
    /// <summary>A button's id: a call's token is the longest (a few hundred characters); Slack allows 2,000 in a button's value.</summary>
    public const int MaxId = 2000;

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder app)
    {
        var web = app.MapGroup("").AddEndpointFilter<WebChatAccess>().ExcludeFromDescription();
        // The page, its files and its words hold nothing of the room: served without the key, which the page
        // only learns from its own address.
        web.MapGet("/", () => WebChatAssets.Serve("index.html"));
        web.MapGet("/webchat/{**file}", (string file) => WebChatAssets.Serve(file));
        web.MapGet("/web/texts", PageTexts);
        var room = web.MapGroup("/web").AddEndpointFilter<WebChatKeyCheck>();
        room.MapGet("/events", Follow);
        room.MapPost("/messages", SayAsync);
        room.MapPost("/actions", ClickAsync);
        return app;
    }

    private static IResult PageTexts(string? locale, ChatRequests chat, IOptions<WebChatOptions> options)
    {
        var t = chat.TextsFor(Context(new WebUser("page", "page"), locale, options.Value));
        var texts = new Dictionary<string, string>
        {
            ["lang"] = t.Language,
            ["title"] = t[TextId.WebPageTitle],
            ["yourName"] = t[TextId.WebYourName],
            ["inputHint"] = t[TextId.WebInputHint],
            ["send"] = t[TextId.WebSend],
            ["offline"] = t[TextId.WebOffline],
            ["noAnswer"] = t[TextId.WebNoAnswer],
            ["onlyYou"] = t[TextId.WebOnlyYou],
            ["needsKey"] = t[TextId.WebNeedsKey],
        };
        if (options.Value.Simulated) texts["simulated"] = t[TextId.WebSimulated];
        return Results.Json(texts, WebChatJsonContext.Default.DictionaryStringString);
    }

    private static IResult Follow(HttpContext http, WebRooms rooms, IHostApplicationLifetime lifetime) =>
        TypedResults.ServerSentEvents(FollowUntilGone(rooms.Page, lifetime.ApplicationStopping, http.RequestAborted));

    // Streams end when the page goes away or the bot stops, so shutdown never waits on an open page.
    private static async IAsyncEnumerable<SseItem<string>> FollowUntilGone(WebRoom room, CancellationToken stopping, [EnumeratorCancellation] CancellationToken aborted = default)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        await foreach (var item in room.FollowAsync(either.Token).ConfigureAwait(false))
            yield return item;
    }

    private static async Task<IResult> SayAsync(HttpContext http, ChatRequests chat, WebRooms rooms, IOptions<WebChatOptions> options, TimeProvider time)
    {
        var (request, invalid) = await ReadAsync(http, WebChatJsonContext.Default.WebTextRequest);
        if (request is null) return invalid!;
        if (Problem(request.User) is { } userProblem) return userProblem;
        if (request.Text is { Length: > MaxTextLength }) return Invalid("text", $"must be at most {MaxTextLength} characters");

        var context = Context(request.User!, request.Locale, options.Value);
        var room = rooms.Page;
        var said = room.Append(new WebMessage
        {
            Id = room.NewMessageId(),
            Kind = WebMessage.FromPerson,
            Author = context.User.Name,
            Text = request.Text ?? "",
            At = time.GetUtcNow(),
        });
        var reply = await chat.HandleTextAsync(context, request.Text, http.RequestAborted);
        var posted = room.Append(WebChatSurface.BotMessage(room.NewMessageId(), reply, time.GetUtcNow()));
        return Json(WebChatWire.Posted(said, posted));
    }

    private static async Task<IResult> ClickAsync(HttpContext http, ChatRequests chat, WebRooms rooms, IOptions<WebChatOptions> options, TimeProvider time, IServiceProvider services)
    {
        var (request, invalid) = await ReadAsync(http, WebChatJsonContext.Default.WebActionRequest);
        if (request is null) return invalid!;
        if (Problem(request.User) is { } userProblem) return userProblem;
        if (string.IsNullOrWhiteSpace(request.Verb) || !VerbPattern().IsMatch(request.Verb)) return Invalid("verb", "must be a card verb such as call.confirm");
        if (string.IsNullOrWhiteSpace(request.Id) || request.Id.Length > MaxId || request.Id.Any(char.IsControl)) return Invalid("id", "must be the id from the button's data");
        if (request.MessageId is { } messageId && (messageId.Length > 64 || messageId.Any(char.IsControl))) return Invalid("messageId", "is not a message id");

        var context = Context(request.User!, request.Locale, options.Value);
        var sideNotes = services.GetService<IWebChatSideNotes>();
        var mark = sideNotes?.Mark() ?? 0;
        // The click is finished even if the page goes away: the invite may already be on its way.
        // The answer replaces the clicked message for every page, so the Core learns which one (the outbox leaves it alone).
        var result = await chat.HandleActionAsync(new CardClick(context, request.Verb, request.Id, request.MessageId), CancellationToken.None);
        var note = sideNotes?.Since(mark, chat.TextsFor(context));

        var room = rooms.Page;
        WebMessage? updated = null, reply = null;
        if (result.UpdatedCard is { } card)
        {
            var json = WebChatCard.Serialize(card.Card);
            updated = request.MessageId is { } id
                ? room.Update(id, m => m with { Text = card.Text, CardJson = json, Note = note ?? m.Note })
                : null;
            // The clicked message is no longer kept (or unknown): show the new state as a new message.
            updated ??= room.Append(WebChatSurface.BotMessage(room.NewMessageId(), card, time.GetUtcNow()) with { Note = note });
            note = null;
        }
        if (result.Reply is { } newCard)
            reply = room.Append(WebChatSurface.BotMessage(room.NewMessageId(), newCard, time.GetUtcNow()) with { Note = note });
        return Json(WebChatWire.Clicked(updated, reply, result.Notice));
    }

    private static ChatContext Context(WebUser user, string? locale, WebChatOptions options) => new(
        new ChatUser(WebChatPlatform.Name, user.Id!, user.Name!.Trim()),
        new Channel { Platform = WebChatPlatform.Name, ExternalId = options.Room, Name = options.Room },
        locale is { Length: <= 35 } && LocalePattern().IsMatch(locale) ? locale : null,
        options.EveryoneIsAdmin);

    private static IResult? Problem(WebUser? user)
    {
        if (user?.Id is null || !UserIdPattern().IsMatch(user.Id)) return Invalid("user.id", "must be 1 to 64 letters, digits, '-' or '_'");
        var name = user.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
            return Invalid("user.name", $"must be 1 to {MaxNameLength} characters without control characters");
        return null;
    }

    private static async Task<(T? Value, IResult? Invalid)> ReadAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        // JSON only: a form post from another site cannot reach the bot without a CORS preflight it would refuse.
        if (!http.Request.HasJsonContentType())
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send application/json."));
        // Declared sizes only; a chunked body is bounded by the server's own request limit.
        if (http.Request.ContentLength > MaxBodyBytes) return (null, TooLarge());
        try
        {
            var value = await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted);
            return value is null ? (null, Invalid("body", "must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid(e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body", "is not valid JSON of the expected shape"));
        }
    }

    private static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body must be at most {MaxBodyBytes} bytes.");

    private static IResult Invalid(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"{field} {problem}"] }, title: $"{field} {problem}");

    private static IResult Json(string json) => Results.Text(json, "application/json; charset=utf-8");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex UserIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_.-]{0,63}$")]
    private static partial Regex VerbPattern();

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LocalePattern();
}
