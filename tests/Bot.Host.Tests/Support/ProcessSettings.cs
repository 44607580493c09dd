using Bot.StandIns.Teams;

namespace Bot.Host.Tests.Support;

/// <summary>
/// The settings of a bot run as its own process against the stand-ins: the admin key, quiet logs, a seed file, English
/// texts, then each stand-in's own settings in turn; a test adds or overrides what it is about.
/// </summary>
public static class ProcessSettings
{
    public static async Task<Dictionary<string, string>> ForAsync(string folder, string seedJson, params IEnumerable<KeyValuePair<string, string?>>[] standIns)
    {
        var seed = Path.Combine(folder, "seed.json");
        await File.WriteAllTextAsync(seed, seedJson);
        var settings = new Dictionary<string, string>
        {
            ["Admin:ApiKey"] = BotTestHost.AdminKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Storage:SeedFile"] = seed,
            ["Bot:DefaultLocale"] = "en-US",
        };
        foreach (var part in standIns)
            foreach (var (key, value) in part) settings[key] = value ?? "";
        return settings;
    }

    /// <summary>The Teams stand-in's settings, and its certificate trusted as a root by the bot's process, like a private CA.</summary>
    public static async Task AddTeamsAsync(Dictionary<string, string> settings, string folder, TeamsStandIn teams)
    {
        foreach (var (key, value) in teams.BotSettings()) settings[key] = value ?? "";
        var trust = Path.Combine(folder, "standin-ca.pem");
        await File.WriteAllTextAsync(trust, teams.CertificatePem);
        settings["SSL_CERT_FILE"] = trust;
        settings["SSL_CERT_DIR"] = folder;
    }
}
