using Microsoft.Extensions.Options;

namespace Bot.Core;

/// <summary>The data annotations of <see cref="BotOptions"/>, checked by code the options validation generator writes.</summary>
[OptionsValidator]
public sealed partial class BotOptionsValidator : IValidateOptions<BotOptions>;
