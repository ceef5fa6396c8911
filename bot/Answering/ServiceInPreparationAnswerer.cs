using CitizenBot.Transparency;

namespace CitizenBot.Answering;

/// <summary>Until the knowledge folder answers questions, says honestly that the service is being set up and names the human contacts.</summary>
public sealed class ServiceInPreparationAnswerer(CitizenTexts texts) : IQuestionAnswerer
{
    public Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken) =>
        Task.FromResult(new Answer(texts.Get(TextKeys.ServiceInPreparation, question.Language)));
}
