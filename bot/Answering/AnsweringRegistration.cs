using CitizenBot.Answering.Generation;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Answering;

/// <summary>Answers from the knowledge folder: quoted by default, written by the language model when one is configured.</summary>
public static class AnsweringRegistration
{
    public static WebApplicationBuilder AddAnswering(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AnsweringOptions>(AnsweringOptions.Section);
        builder.Services.AddSingleton<AnswerComposer>();
        builder.Services.AddSingleton<KnowledgeAnswerer>();
        builder.Services.AddSingleton<IQuestionAnswerer>(services => services.GetRequiredService<IOptions<GenerationOptions>>().Value.Enabled
            ? services.GetRequiredService<GroundedAnswerer>()
            : services.GetRequiredService<KnowledgeAnswerer>());
        return builder.AddGeneration();
    }
}
