namespace Bot.Storage.LiteDb;

/// <summary>A write waiting for the group-commit writer, with the caller's completion.</summary>
internal interface IPendingWrite
{
    void Run();
    void Complete();
    void Fail(Exception error);
}
