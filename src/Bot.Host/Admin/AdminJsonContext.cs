using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Alarms;
using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Escalation;
using Bot.Core.OnCall;
using Bot.Host.AdminConsole;

namespace Bot.Host.Admin;

/// <summary>
/// Everything the admin API and console read or answer, source-generated so a native build needs no reflection. Each list
/// is here both as the interface the OpenAPI document names and as the <see cref="List{T}"/> the endpoints answer (a
/// response is written with the metadata of its value's own type). Names follow the HTTP options (web defaults: camelCase).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
// Requests.
[JsonSerializable(typeof(AdminEndpoints.DeviceBody))]
[JsonSerializable(typeof(AdminEndpoints.MappingBody))]
[JsonSerializable(typeof(List<OnCallPerson>))]
[JsonSerializable(typeof(IsdpCaller))]
[JsonSerializable(typeof(AlarmAdminEndpoints.SilenceBody))]
[JsonSerializable(typeof(AlarmAdminEndpoints.FamilyMappingBody))]
[JsonSerializable(typeof(AdminConsoleEndpoints.SignIn))]
// Answers.
[JsonSerializable(typeof(Device))]
[JsonSerializable(typeof(List<Device>))]
[JsonSerializable(typeof(IReadOnlyList<Device>))]
[JsonSerializable(typeof(List<AdminEndpoints.ChannelView>))]
[JsonSerializable(typeof(IReadOnlyList<OnCallPerson>))]
[JsonSerializable(typeof(ChannelDeviceMapping))]
[JsonSerializable(typeof(List<ChannelDeviceMapping>))]
[JsonSerializable(typeof(IReadOnlyList<ChannelDeviceMapping>))]
[JsonSerializable(typeof(Dictionary<string, IsdpCaller>))]
[JsonSerializable(typeof(List<CallAuditEntry>))]
[JsonSerializable(typeof(IReadOnlyList<CallAuditEntry>))]
[JsonSerializable(typeof(AlarmAdminEndpoints.AlarmView))]
[JsonSerializable(typeof(List<AlarmAdminEndpoints.AlarmView>))]
[JsonSerializable(typeof(IReadOnlyList<AlarmAdminEndpoints.AlarmView>))]
[JsonSerializable(typeof(List<AlarmAdminEndpoints.AcknowledgedAlarmView>))]
[JsonSerializable(typeof(List<AlarmAdminEndpoints.CursorView>))]
[JsonSerializable(typeof(IReadOnlyList<AlarmAdminEndpoints.CursorView>))]
[JsonSerializable(typeof(AlarmAdminEndpoints.PollerView))]
[JsonSerializable(typeof(List<AlarmAdminEndpoints.ChangeView>))]
[JsonSerializable(typeof(IReadOnlyList<AlarmAdminEndpoints.ChangeView>))]
[JsonSerializable(typeof(List<AlarmEscalation>))]
[JsonSerializable(typeof(IReadOnlyList<AlarmEscalation>))]
[JsonSerializable(typeof(AlarmAdminEndpoints.SilenceView))]
[JsonSerializable(typeof(List<AlarmAdminEndpoints.SilenceView>))]
[JsonSerializable(typeof(IReadOnlyList<AlarmAdminEndpoints.SilenceView>))]
[JsonSerializable(typeof(FamilyMapping))]
[JsonSerializable(typeof(List<FamilyMapping>))]
[JsonSerializable(typeof(IReadOnlyList<FamilyMapping>))]
[JsonSerializable(typeof(AdminConsoleEndpoints.ConsoleSession))]
[JsonSerializable(typeof(Dictionary<string, IReadOnlyDictionary<string, string>>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>))]
public sealed partial class AdminJsonContext : JsonSerializerContext;
