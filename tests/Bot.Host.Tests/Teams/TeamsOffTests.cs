using System.Net;
using System.Text;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Host.Tests.Support;
using Bot.Teams;

namespace Bot.Host.Tests.Teams;

public sealed class TeamsOffTests
{
    [Fact]
    public async Task Without_an_app_id_there_is_no_Teams_endpoint_and_no_Teams_surface()
    {
        await using var bot = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Teams:MicrosoftAppId"] = "" });

        var response = await bot.Client.PostAsync("/api/messages", new StringContent("""{"type":"message","text":"help"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(bot.Get<ChatSurfaces>().For(TeamsPlatform.Name));
        Assert.Empty(await bot.Get<IChannelStore>().AllAsync());
    }
}
