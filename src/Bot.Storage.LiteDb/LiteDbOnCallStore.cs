using Bot.Core.OnCall;
using Bot.Core.Storage;

namespace Bot.Storage.LiteDb;

/// <summary>On-call people, one document per channel; changes go through the database's single writer, so add and remove are atomic.</summary>
public sealed class LiteDbOnCallStore(BotDatabase db) : IOnCallStore
{
    private readonly LiteDB.ILiteCollection<OnCallDocument> _onCall = db.Collection<OnCallDocument>(Collections.OnCall);

    public Task<IReadOnlyList<OnCallPerson>> OnCallAsync(string channelKey, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OnCallPerson>>(_onCall.FindById(channelKey) is { } d ? d.People.Select(p => new OnCallPerson(p.Id, p.Name)).ToList() : []);

    public Task SetOnCallAsync(string channelKey, IReadOnlyList<OnCallPerson> people, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() =>
        {
            var unique = people.DistinctBy(p => p.Id, StringComparer.Ordinal).Select(p => new OnCallPersonDocument { Id = p.Id, Name = p.Name }).ToList();
            return unique.Count == 0 ? _onCall.Delete(channelKey) : _onCall.Upsert(new OnCallDocument { Id = channelKey, People = unique });
        });

    public Task<bool> AddOnCallAsync(string channelKey, OnCallPerson person, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() =>
        {
            var doc = _onCall.FindById(channelKey) ?? new OnCallDocument { Id = channelKey };
            if (doc.People.Any(p => p.Id == person.Id)) return false;
            doc.People.Add(new OnCallPersonDocument { Id = person.Id, Name = person.Name });
            _onCall.Upsert(doc);
            return true;
        });

    public Task<bool> RemoveOnCallAsync(string channelKey, string personId, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() =>
        {
            if (_onCall.FindById(channelKey) is not { } doc || doc.People.RemoveAll(p => p.Id == personId) == 0) return false;
            if (doc.People.Count == 0) _onCall.Delete(channelKey); else _onCall.Update(doc);
            return true;
        });
}
