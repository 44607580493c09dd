using Bot.Core.Calls;
using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>
/// Audit lines written together, as the stored <see cref="AuditDocument"/> the mapper reads back (its <c>At</c>, the
/// newest line's, and its <c>Lines</c>), built field by field: the mapper reads every property of every line through
/// reflection, which was a third of the audit writer's time on a busy command path (bench/RESULTS.md). The one-line
/// fields of older documents are left out; read back they are empty, as before.
/// </summary>
internal static class AuditBson
{
    public static BsonDocument Document(IReadOnlyCollection<CallAuditEntry> lines)
    {
        var stored = new BsonArray();
        var newest = long.MinValue;
        foreach (var line in lines)
        {
            var at = Instants.ToStored(line.At);
            newest = Math.Max(newest, at);
            stored.Add(Line(line, at));
        }
        return new BsonDocument { [nameof(AuditDocument.At)] = newest, [nameof(AuditDocument.Lines)] = stored };
    }

    private static BsonDocument Line(CallAuditEntry line, long at)
    {
        var document = new BsonDocument
        {
            [nameof(AuditLineDocument.CallId)] = line.CallId,
            [nameof(AuditLineDocument.DeviceId)] = line.DeviceId,
            [nameof(AuditLineDocument.ChannelKey)] = line.ChannelKey,
            [nameof(AuditLineDocument.UserKey)] = line.UserKey,
            [nameof(AuditLineDocument.UserName)] = line.UserName,
            [nameof(AuditLineDocument.At)] = at,
            [nameof(AuditLineDocument.Event)] = line.Event,
        };
        // As the mapper writes it: a null is left out.
        if (line.Detail is { } detail) document[nameof(AuditLineDocument.Detail)] = detail;
        return document;
    }
}
