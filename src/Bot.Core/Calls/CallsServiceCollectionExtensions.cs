using Bot.Core.Cards;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core.Calls;

public static class CallsServiceCollectionExtensions
{
    /// <summary>The call flow: its service, its cards and one handler per card verb. The invite sender and the call store come from their own modules.</summary>
    public static IServiceCollection AddCalls(this IServiceCollection services)
    {
        services.AddSingleton<CallCards>();
        services.AddSingleton<CallTokens>();
        services.AddSingleton<CallAuditQueue>();
        services.AddSingleton<CallService>();
        services.AddSingleton<ICardActionHandler, CallStartHandler>();
        services.AddSingleton<ICardActionHandler, CallConfirmHandler>();
        services.AddSingleton<ICardActionHandler, CallRetryHandler>();
        services.AddSingleton<ICardActionHandler, CallCancelHandler>();
        return services;
    }
}
