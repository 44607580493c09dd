namespace Bot.Bench;

/// <summary>The floor: a bare ASP.NET Core endpoint that reads the body and answers 200, run as its own process like the bot.</summary>
public static class Floor
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost("/slack/commands", ReadAndAnswer);
        app.MapPost("/api/messages", ReadAndAnswer);
        app.MapGet("/readyz", () => Results.Ok());
        await app.RunAsync();
    }

    private static async Task<IResult> ReadAndAnswer(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        await reader.ReadToEndAsync();
        return Results.Ok();
    }
}
