namespace Bot.Storage.Conformance;

/// <summary>A conformance test on LiteDB: a file in a temporary folder is always at hand, so it always runs.</summary>
public sealed class StoreFactAttribute : FactAttribute;
