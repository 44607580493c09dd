using Bot.Core.Alarms;
using Bot.Core.Escalation;
using Bot.Core.Storage;
using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>Escalation timers beside the alarms; every change goes through the single writer, so advancing a step is a compare-and-set.</summary>
public sealed class LiteDbEscalationStore : IEscalationStore
{
    private readonly BotDatabase _db;
    private readonly ILiteCollection<EscalationDocument> _escalations;
    private readonly ILiteCollection<AlarmDocument> _alarms;
    private readonly ILiteCollection<DeliveryDocument> _deliveries;

    public LiteDbEscalationStore(BotDatabase db)
    {
        _db = db;
        _escalations = db.Collection<EscalationDocument>(Collections.Escalations);
        _alarms = db.Collection<AlarmDocument>(AlarmCollections.Alarms);
        _deliveries = db.Collection<DeliveryDocument>(AlarmCollections.Deliveries);
        _escalations.EnsureIndex(e => e.DueAt);
        _escalations.EnsureIndex(e => e.AlarmId);
    }

    public Task<bool> StartEscalationAsync(AlarmEscalation escalation, CancellationToken cancellationToken = default) =>
        _db.WriteAsync(() => _escalations.FindById(escalation.Id) is null && _escalations.Insert(ToDocument(escalation)) is not null);

    public Task<IReadOnlyList<AlarmEscalation>> DueEscalationsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var until = Instants.ToStored(now);
        return Task.FromResult<IReadOnlyList<AlarmEscalation>>(_escalations.Query().Where(e => e.DueAt != null && e.DueAt <= until)
            .OrderBy(e => e.DueAt).Limit(max).ToList().Select(ToEscalation).ToList());
    }

    public Task<bool> AdvanceEscalationAsync(string escalationId, int fromStep, int nextStep, DateTimeOffset? dueAt, string? endedBecause, bool editCards = false, CancellationToken cancellationToken = default) =>
        _db.WriteAsync(() =>
        {
            if (_escalations.FindById(escalationId) is not { DueAt: not null } e || e.NextStep != fromStep) return false;
            e.NextStep = nextStep;
            e.DueAt = Instants.ToStored(dueAt);
            e.EndedBecause = dueAt is null ? endedBecause : null;
            if (!_escalations.Update(e)) return false;
            if (editCards) MarkCopies(e.AlarmId);
            return true;
        });

    // As a change of state: a new version, and every copy's edit asked for at it (a card on its way is edited once posted
    // if it was built before); a held or failed copy is left alone.
    private void MarkCopies(string alarmId)
    {
        if (_alarms.FindById(alarmId) is not { } alarm) return;
        alarm.Version++;
        _alarms.Update(alarm);
        foreach (var delivery in _deliveries.Find(d => d.AlarmId == alarmId).ToList())
        {
            if (delivery.State != nameof(DeliveryState.Posted) && delivery.State != nameof(DeliveryState.Pending)) continue;
            delivery.NeedsRefresh = true;
            delivery.RefreshVersion = alarm.Version;
            if (delivery.State == nameof(DeliveryState.Posted)) delivery.Due = true;
            _deliveries.Update(delivery);
        }
    }

    public Task<IReadOnlyList<AlarmEscalation>> EscalationsOfAsync(string alarmId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AlarmEscalation>>(_escalations.Find(e => e.AlarmId == alarmId).Select(ToEscalation).ToList());

    public Task<bool> AddEscalationCopyAsync(string alarmId, string channelKey, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _db.WriteAsync(() =>
        {
            var id = AlarmDelivery.IdOf(alarmId, channelKey);
            if (_deliveries.FindById(id) is not null || _alarms.FindById(alarmId) is not { } alarm) return false;
            _deliveries.Insert(new DeliveryDocument
            {
                Id = id,
                AlarmId = alarmId,
                ChannelKey = channelKey,
                Seq = alarm.Seq,
                State = nameof(DeliveryState.Pending),
                Due = true,
                NextAttemptAt = Instants.ToStored(now),
            });
            return true;
        });

    private static EscalationDocument ToDocument(AlarmEscalation e) => new()
    {
        Id = e.Id, AlarmId = e.AlarmId, ChannelKey = e.ChannelKey, StartedAt = Instants.ToStored(e.StartedAt),
        NextStep = e.NextStep, Steps = e.Steps, DueAt = Instants.ToStored(e.DueAt), EndedBecause = e.EndedBecause,
    };

    private static AlarmEscalation ToEscalation(EscalationDocument d) =>
        new(d.Id, d.AlarmId, d.ChannelKey, Instants.FromStored(d.StartedAt), d.NextStep, d.Steps, Instants.FromStored(d.DueAt), d.EndedBecause);
}
