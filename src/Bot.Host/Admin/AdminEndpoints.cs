using System.Text.Json.Serialization;
using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.TencentIot;

namespace Bot.Host.Admin;

/// <summary>
/// <c>/admin</c>: devices, channels, mappings, ISDP caller identities and the call audit, for the admin who installs the bot.
/// Every request needs <c>X-Api-Key</c>; bad input is a 400 naming the field and changes nothing.
/// </summary>
public static class AdminEndpoints
{
    public sealed record MappingBody(string? Channel, string? Device);

    /// <summary>A device as the admin sends it; every field optional here so validation can name what is missing.</summary>
    public sealed record DeviceBody(string? DeviceId, string? IsdpDeviceId, string? ChatJid, string? Alias, [property: JsonPropertyName(TencentDevices.Field)] TencentBody? Tencent)
    {
        public Device ToDevice(string pathId) => new()
        {
            DeviceId = DeviceId ?? pathId,
            IsdpDeviceId = IsdpDeviceId ?? "",
            ChatJid = ChatJid ?? "",
            Alias = string.IsNullOrWhiteSpace(Alias) ? null : Alias.Trim(),
            AlarmSource = Tencent is null ? null : new SourceIdentity(Tencent.ProductId ?? "", Tencent.DeviceName ?? ""),
        };
    }

    public sealed record TencentBody(string? ProductId, string? DeviceName);

    /// <summary>A channel as the admin API lists it (its stored platform reference stays inside).</summary>
    public sealed record ChannelView(string Key, string Platform, string ExternalId, string? Name, string? TenantId, DateTimeOffset? UpdatedAt);

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminKeyFilter>().WithTags("Admin");

        admin.MapGet("/devices", async (IDeviceStore devices, CancellationToken ct) => Results.Ok((await devices.AllAsync(ct)).ToList()))
            .Produces<IReadOnlyList<Device>>();

        admin.MapGet("/devices/{deviceId}", async (string deviceId, IDeviceStore devices, CancellationToken ct) =>
                await devices.FindAsync(DeviceRules.NormalizeId(deviceId), ct) is { } device ? Results.Ok(device) : NotFound("device", deviceId))
            .Produces<Device>().ProducesProblem(404);

        admin.MapPut("/devices/{deviceId}", async (string deviceId, HttpRequest request, Inventory inventory, DeviceJson json, CancellationToken ct) =>
            {
                var (body, error) = await AdminJson.ReadAsync<DeviceBody>(request, ct);
                if (error is not null) return error;
                var candidate = body!.ToDevice(deviceId);
                if (!string.Equals(DeviceRules.NormalizeId(candidate.DeviceId), DeviceRules.NormalizeId(deviceId), StringComparison.Ordinal))
                    return AdminJson.Invalid("deviceId", "must match the device id in the path");
                var problems = DeviceRules.Validate(candidate, json.AlarmSourceField);
                if (problems.Count > 0) return AdminJson.Invalid(problems);
                var device = candidate with { DeviceId = DeviceRules.NormalizeId(candidate.DeviceId) };
                var created = await inventory.UpsertDeviceAsync(device, ct);
                return created ? Results.Created($"/admin/devices/{device.DeviceId}", device) : Results.Ok(device);
            })
            .Accepts<DeviceBody>("application/json").Produces<Device>().Produces<Device>(201).ProducesValidationProblem();

        admin.MapDelete("/devices/{deviceId}", async (string deviceId, Inventory inventory, CancellationToken ct) =>
                await inventory.RemoveDeviceAsync(DeviceRules.NormalizeId(deviceId), ct) ? Results.NoContent() : NotFound("device", deviceId))
            .Produces(204).ProducesProblem(404);

        admin.MapGet("/channels", async (IChannelStore channels, CancellationToken ct) =>
                Results.Ok((await channels.AllAsync(ct)).Select(c => new ChannelView(c.Key, c.Platform, c.ExternalId, c.Name, c.TenantId, c.UpdatedAt)).ToList()))
            .Produces<List<ChannelView>>();

        admin.MapDelete("/channels/{channelKey}", async (string channelKey, Inventory inventory, CancellationToken ct) =>
                await inventory.RemoveChannelAsync(channelKey, ct) ? Results.NoContent() : NotFound("channel", channelKey))
            .Produces(204).ProducesProblem(404);

        admin.MapGet("/channels/{channelKey}/oncall", async (string channelKey, IOnCallStore onCall, CancellationToken ct) =>
                Results.Ok((await onCall.OnCallAsync(channelKey, ct)).ToList()))
            .Produces<IReadOnlyList<Bot.Core.OnCall.OnCallPerson>>();

        // Replaces the channel's on-call people: [{ "id": "U0BOB", "name": "Bob" }] (Slack user ids, Teams AAD object ids).
        admin.MapPut("/channels/{channelKey}/oncall", async (string channelKey, HttpRequest request, IOnCallStore onCall, ChatPlatforms platforms, CancellationToken ct) =>
            {
                if (platforms.ParseKey(channelKey) is not { } parsed) return AdminJson.Invalid("channelKey", $"must be platform:id with platform {platforms.Listed()}");
                var (body, error) = await AdminJson.ReadAsync<List<Bot.Core.OnCall.OnCallPerson>>(request, ct);
                if (error is not null) return error;
                if (body!.Any(p => p is null || string.IsNullOrWhiteSpace(p.Id) || p.Id.Length > 100)) return AdminJson.Invalid("id", "every person needs an id (at most 100 characters)");
                var people = body!.Select(p => p with { Name = string.IsNullOrWhiteSpace(p.Name) ? p.Id : p.Name.Trim() }).ToList();
                await onCall.SetOnCallAsync(parsed.Key, people, ct);
                return Results.Ok((await onCall.OnCallAsync(parsed.Key, ct)).ToList());
            })
            .Accepts<List<Bot.Core.OnCall.OnCallPerson>>("application/json").Produces<IReadOnlyList<Bot.Core.OnCall.OnCallPerson>>().ProducesValidationProblem();

        admin.MapGet("/mappings", async (string? channel, string? device, IMappingStore mappings, CancellationToken ct) =>
            {
                var all = await mappings.AllAsync(ct);
                return Results.Ok(all.Where(m => (channel is null || m.ChannelKey == channel) && (device is null || m.DeviceId == DeviceRules.NormalizeId(device))).ToList());
            })
            .Produces<IReadOnlyList<ChannelDeviceMapping>>();

        admin.MapPost("/mappings", async (HttpRequest request, IDeviceStore devices, Inventory inventory, ChatPlatforms platforms, CancellationToken ct) =>
            {
                var (body, error) = await AdminJson.ReadAsync<MappingBody>(request, ct);
                if (error is not null) return error;
                var (channel, deviceId, invalid) = await CheckMappingAsync(body!.Channel, body.Device, devices, platforms, ct);
                if (invalid is not null) return invalid;
                await inventory.ChannelSeenAsync(channel!, ct);
                var added = await inventory.MapAsync(channel!.Key, deviceId!, ct);
                var mapping = new ChannelDeviceMapping(channel.Key, deviceId!);
                return added ? Results.Created($"/admin/mappings?channel={Uri.EscapeDataString(channel.Key)}&device={deviceId}", mapping) : Results.Ok(mapping);
            })
            .Accepts<MappingBody>("application/json").Produces<ChannelDeviceMapping>().Produces<ChannelDeviceMapping>(201).ProducesValidationProblem();

        admin.MapDelete("/mappings", async (string? channel, string? device, Inventory inventory, ChatPlatforms platforms, CancellationToken ct) =>
            {
                if (platforms.ParseKey(channel) is not { } parsed) return AdminJson.Invalid("channel", $"must be platform:id with platform {platforms.Listed()}");
                if (string.IsNullOrWhiteSpace(device)) return AdminJson.Invalid("device", "is required");
                return await inventory.UnmapAsync(parsed.Key, DeviceRules.NormalizeId(device), ct) ? Results.NoContent() : NotFound("mapping", $"{parsed.Key} ↔ {device}");
            })
            .Produces(204).ProducesValidationProblem().ProducesProblem(404);

        admin.MapGet("/callers", async (ICallerStore callers, CancellationToken ct) => Results.Ok((await callers.AllAsync(ct)).ToDictionary()));

        admin.MapPut("/callers/{platform}/{userId}", async (string platform, string userId, HttpRequest request, ICallerStore callers, ChatPlatforms platforms, CancellationToken ct) =>
            {
                if (!platforms.IsKnown(platform)) return AdminJson.Invalid("platform", $"must be {platforms.Listed()}");
                if (string.IsNullOrWhiteSpace(userId)) return AdminJson.Invalid("userId", "is required");
                var (body, error) = await AdminJson.ReadAsync<IsdpCaller>(request, ct);
                if (error is not null) return error;
                if (string.IsNullOrWhiteSpace(body!.UserName)) return AdminJson.Invalid("userName", "is required");
                if (string.IsNullOrWhiteSpace(body.UserNo)) return AdminJson.Invalid("userNo", "is required");
                await callers.SetAsync(new ChatUser(platform, userId, "").Key, body, ct);
                return Results.Ok(body);
            })
            .Accepts<IsdpCaller>("application/json").Produces<IsdpCaller>().ProducesValidationProblem();

        admin.MapDelete("/callers/{platform}/{userId}", async (string platform, string userId, ICallerStore callers, CancellationToken ct) =>
                await callers.RemoveAsync(new ChatUser(platform, userId, "").Key, ct) ? Results.NoContent() : NotFound("caller", $"{platform}:{userId}"));

        admin.MapGet("/calls/audit", async (int? max, ICallStore calls, CancellationToken ct) =>
                Results.Ok((await calls.AuditLogAsync(Math.Clamp(max ?? 100, 1, 1000), ct)).ToList()))
            .Produces<IReadOnlyList<CallAuditEntry>>();

        return admin;
    }

    private static async Task<(Channel?, string?, IResult?)> CheckMappingAsync(string? channelKey, string? device, IDeviceStore devices, ChatPlatforms platforms, CancellationToken ct)
    {
        if (platforms.ParseKey(channelKey) is not { } channel)
            return (null, null, AdminJson.Invalid("channel", $"must be platform:id with platform {platforms.Listed()}"));
        if (string.IsNullOrWhiteSpace(device)) return (null, null, AdminJson.Invalid("device", "is required"));
        var deviceId = DeviceRules.NormalizeId(device);
        if (await devices.FindAsync(deviceId, ct) is null) return (null, null, AdminJson.Invalid("device", $"{device} is not a known device"));
        return (channel, deviceId, null);
    }

    private static IResult NotFound(string what, string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} {id}.");
}
