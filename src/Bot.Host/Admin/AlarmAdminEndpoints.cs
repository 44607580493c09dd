using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;

namespace Bot.Host.Admin;

/// <summary>
/// <c>/admin</c> for the alarm relay: recent alarms with their state, deliveries and acknowledgement, an alarm's history,
/// unroutable alarms, acknowledgements, each source's cursor, the poller's state, and the
/// family ↔ channel mappings. Same key and 400 conventions as <see cref="AdminEndpoints"/>.
/// </summary>
public static class AlarmAdminEndpoints
{
    public sealed record FamilyMappingBody(string? Channel, string? FamilyId);

    public sealed record AlarmView(
        string Id, string Source, long Seq, string Category, string Severity, string Title, string Text, DateTimeOffset At,
        string ProductId, string DeviceName, string DeviceAlias, string FamilyId, string FamilyName,
        string? DeviceId, IReadOnlyList<string> Channels, DateTimeOffset ReceivedAt,
        AcknowledgementView? Acknowledgement, IReadOnlyList<DeliveryView>? Deliveries, string State, long Version);

    /// <summary>One change of an alarm's state: who, from which channel, when.</summary>
    public sealed record ChangeView(long Version, string Transition, string From, string To, string Platform, string UserId, string UserName, string ChannelKey, DateTimeOffset At);

    public sealed record AcknowledgementView(string Platform, string UserId, string UserName, DateTimeOffset At);

    /// <summary>An acknowledged alarm: which, its title, who acknowledged it.</summary>
    public sealed record AcknowledgedAlarmView(string AlarmId, string Title, AcknowledgementView? Acknowledgement);

    /// <summary>The alarm poller: whether this bot polls, and how its last cycles went.</summary>
    public sealed record PollerView(bool Enabled, long Cycles, DateTimeOffset? LastCycleAt, string? LastError, int ConsecutiveFailures);

    public sealed record DeliveryView(string ChannelKey, string State, int Attempts, DateTimeOffset NextAttemptAt, string? MessageRef, string? LastError, DateTimeOffset? PostedAt, bool NeedsRefresh);

    /// <summary>A device silence: until when, set by whom and where, ended early by whom.</summary>
    public sealed record SilenceView(string DeviceId, DateTimeOffset Since, DateTimeOffset Until, string Platform, string UserId, string UserName, string ChannelKey, string? EndedBy);

    public sealed record SilenceBody(string? Device, int? Minutes);

    /// <summary>A source's cursor, in the source's own format.</summary>
    public sealed record CursorView(string Source, string Cursor);

    public static RouteGroupBuilder MapAlarmAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminKeyFilter>().WithTags("Alarms");

        admin.MapGet("/alarms", async (int? max, IAlarmQueries store, CancellationToken ct) =>
            {
                var alarms = await store.RecentAsync(Math.Clamp(max ?? 50, 1, 500), ct);
                var views = new List<AlarmView>(alarms.Count);
                foreach (var alarm in alarms) views.Add(View(alarm, await store.DeliveriesOfAsync(alarm.Id, ct)));
                return Results.Ok(views);
            })
            .Produces<IReadOnlyList<AlarmView>>();

        admin.MapGet("/alarms/unroutable", async (int? max, IAlarmQueries store, CancellationToken ct) =>
                Results.Ok((await store.UnroutableAsync(Math.Clamp(max ?? 100, 1, 1000), ct)).Select(a => View(a, null)).ToList()))
            .Produces<IReadOnlyList<AlarmView>>();

        admin.MapGet("/alarms/acknowledgements", async (int? max, IAlarmQueries store, CancellationToken ct) =>
                Results.Ok((await store.AcknowledgedAsync(Math.Clamp(max ?? 100, 1, 1000), ct))
                    .Select(a => new AcknowledgedAlarmView(a.Id, a.Message.Title, AckView(a.Acknowledgement))).ToList()))
            .Produces<List<AcknowledgedAlarmView>>();

        admin.MapGet("/alarms/cursors", async (IAlarmIntakeStore store, CancellationToken ct) =>
                Results.Ok((await store.CursorsAsync(ct)).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CursorView(c.Key, c.Value)).ToList()))
            .Produces<IReadOnlyList<CursorView>>();

        admin.MapGet("/alarms/poller", (IServiceProvider services) =>
            {
                var status = services.GetRequiredService<PollerStatus>();
                var polling = services.GetServices<IHostedService>().OfType<Bot.TencentIot.TencentPollingService>().Any();
                return Results.Ok(new PollerView(polling, status.Cycles, status.LastCycleAt, status.LastError, status.ConsecutiveFailures));
            })
            .Produces<PollerView>();

        admin.MapGet("/alarms/{alarmId}/history", async (string alarmId, IAlarmQueries store, CancellationToken ct) =>
                await store.FindAsync(alarmId, ct) is { } alarm
                    ? Results.Ok((await store.HistoryAsync(alarm.Id, ct)).Select(c => new ChangeView(c.Version, c.Transition.ToString(), c.From.ToString(), c.To.ToString(),
                        c.By.Platform, c.By.Id, c.By.Name, c.ChannelKey, c.At)).ToList())
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No alarm {alarmId}."))
            .Produces<IReadOnlyList<ChangeView>>().ProducesProblem(404);

        // Where the alarm stands in each escalation: next step (0-based) of how many, when it is due, or why it ended.
        admin.MapGet("/alarms/{alarmId}/escalation", async (string alarmId, IAlarmQueries store, Bot.Core.Storage.IEscalationStore escalations, CancellationToken ct) =>
                await store.FindAsync(alarmId, ct) is { } alarm
                    ? Results.Ok((await escalations.EscalationsOfAsync(alarm.Id, ct)).ToList())
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No alarm {alarmId}."))
            .Produces<IReadOnlyList<Bot.Core.Escalation.AlarmEscalation>>().ProducesProblem(404);

        admin.MapGet("/alarms/{alarmId}", async (string alarmId, IAlarmQueries store, CancellationToken ct) =>
                await store.FindAsync(alarmId, ct) is { } alarm
                    ? Results.Ok(View(alarm, await store.DeliveriesOfAsync(alarm.Id, ct)))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No alarm {alarmId}."))
            .Produces<AlarmView>().ProducesProblem(404);

        admin.MapGet("/silences", async (ISilenceStore store, TimeProvider time, CancellationToken ct) =>
                Results.Ok((await store.ActiveListAsync(time.GetUtcNow(), ct)).Select(SilenceOf).ToList()))
            .Produces<IReadOnlyList<SilenceView>>();

        admin.MapPost("/silences", async (HttpRequest request, DeviceSilences silences, IDeviceStore devices, CancellationToken ct) =>
            {
                var (body, error) = await AdminJson.ReadAsync<SilenceBody>(request, ct);
                if (error is not null) return error;
                if (string.IsNullOrWhiteSpace(body!.Device) || body.Device.Length > 128 || await devices.FindAsync(body.Device.Trim(), ct) is not { } device)
                    return AdminJson.Invalid("device", "must name a known device");
                if (body.Minutes is not { } minutes || minutes < 1 || minutes > DeviceSilences.MaxSilence.TotalMinutes)
                    return AdminJson.Invalid("minutes", $"must be 1 to {DeviceSilences.MaxSilence.TotalMinutes}");
                var silence = await silences.SilenceAsync(device.DeviceId, TimeSpan.FromMinutes(minutes), new ChatUser("admin", "api", "admin API"), "", ct);
                return Results.Created($"/admin/silences/{device.DeviceId}", SilenceOf(silence));
            })
            .Accepts<SilenceBody>("application/json").Produces<SilenceView>(201).ProducesValidationProblem();

        admin.MapDelete("/silences/{deviceId}", async (string deviceId, DeviceSilences silences, CancellationToken ct) =>
                await silences.EndAsync(deviceId, ct)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{deviceId} is not silenced."))
            .Produces(204).ProducesProblem(404);

        admin.MapGet("/family-mappings", async (IFamilyMappingStore families, CancellationToken ct) => Results.Ok((await families.AllAsync(ct)).ToList()))
            .Produces<IReadOnlyList<FamilyMapping>>();

        admin.MapPost("/family-mappings", async (HttpRequest request, IFamilyMappingStore families, Inventory inventory, ChatPlatforms platforms, CancellationToken ct) =>
            {
                var (body, error) = await AdminJson.ReadAsync<FamilyMappingBody>(request, ct);
                if (error is not null) return error;
                var (channel, familyId, invalid) = Check(body!.Channel, body.FamilyId, platforms);
                if (invalid is not null) return invalid;
                await inventory.ChannelSeenAsync(channel!, ct);
                var added = await families.MapAsync(channel!.Key, familyId!, ct);
                var mapping = new FamilyMapping(channel.Key, familyId!);
                return added ? Results.Created("/admin/family-mappings", mapping) : Results.Ok(mapping);
            })
            .Accepts<FamilyMappingBody>("application/json").Produces<FamilyMapping>().Produces<FamilyMapping>(201).ProducesValidationProblem();

        admin.MapDelete("/family-mappings", async (string? channel, string? familyId, IFamilyMappingStore families, ChatPlatforms platforms, CancellationToken ct) =>
            {
                var (parsed, family, invalid) = Check(channel, familyId, platforms);
                if (invalid is not null) return invalid;
                return await families.UnmapAsync(parsed!.Key, family!, ct)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No family mapping {parsed.Key} ↔ {family}.");
            })
            .Produces(204).ProducesValidationProblem().ProducesProblem(404);

        return admin;
    }

    private static (Channel?, string?, IResult?) Check(string? channelKey, string? familyId, ChatPlatforms platforms)
    {
        if (platforms.ParseKey(channelKey) is not { } channel)
            return (null, null, AdminJson.Invalid("channel", $"must be platform:id with platform {platforms.Listed()}"));
        var family = familyId?.Trim();
        if (string.IsNullOrEmpty(family)) return (null, null, AdminJson.Invalid("familyId", "is required"));
        if (family.Length > 128 || family.Any(char.IsControl)) return (null, null, AdminJson.Invalid("familyId", "must be at most 128 printable characters"));
        return (channel, family, null);
    }

    private static AlarmView View(Alarm a, IReadOnlyList<AlarmDelivery>? deliveries)
    {
        var m = a.Message;
        return new AlarmView(a.Id, m.Source, a.Seq, m.Category.ToString(), m.Severity.ToString(), m.Title, m.Text, m.At,
            m.Device?.ProductId ?? "", m.Device?.DeviceName ?? "", m.DeviceAlias,
            m.FamilyId, m.FamilyName, a.DeviceId, a.Channels, a.ReceivedAt, AckView(a.Acknowledgement),
            deliveries?.Select(d => new DeliveryView(d.ChannelKey, d.State.ToString(), d.Attempts, d.NextAttemptAt, d.MessageRef, d.LastError, d.PostedAt, d.NeedsRefresh)).ToList(),
            a.State.ToString(), a.Version);
    }

    private static SilenceView SilenceOf(DeviceSilence s) =>
        new(s.DeviceId, s.Since, s.Until, s.By.Platform, s.By.Id, s.By.Name, s.ChannelKey, s.EndedBy?.Name);

    private static AcknowledgementView? AckView(Acknowledgement? ack) =>
        ack is null ? null : new AcknowledgementView(ack.By.Platform, ack.By.Id, ack.By.Name, ack.At);
}
