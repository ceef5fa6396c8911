using CitizenBot.SharedKernel;

namespace CitizenBot.Handoff;

/// <summary>The citizen texts of the handoff, looked up through <see cref="CitizenTexts"/> like every other text.</summary>
public static class HandoffTextKeys
{
    public const string TalkToPerson = nameof(TalkToPerson);
    public const string NotAPerson = nameof(NotAPerson);

    /// <summary>The greeting's second person option: only people answer in this conversation, until the citizen cancels.</summary>
    public const string PeopleOnly = nameof(PeopleOnly);
    public const string EmergencyNumbers = nameof(EmergencyNumbers);
    public const string HumanOnlyChosen = nameof(HumanOnlyChosen);
    public const string ConsentQuestion = nameof(ConsentQuestion);
    public const string ConsentReminder = nameof(ConsentReminder);
    public const string Yes = nameof(Yes);
    public const string No = nameof(No);
    public const string Cancel = nameof(Cancel);
    public const string Queued = nameof(Queued);
    public const string QueuePosition = nameof(QueuePosition);
    public const string StillWaiting = nameof(StillWaiting);
    public const string Accepted = nameof(Accepted);
    public const string StaffName = nameof(StaffName);
    public const string BackToBot = nameof(BackToBot);

    /// <summary>Staff closed the case of a citizen who chose people only: the next message goes to a person again.</summary>
    public const string BackToPeopleOnly = nameof(BackToPeopleOnly);
    public const string Cancelled = nameof(Cancelled);
    public const string OutsideOfficeHours = nameof(OutsideOfficeHours);
    public const string NobodyAvailable = nameof(NobodyAvailable);
    public const string RequestCallback = nameof(RequestCallback);
    public const string CallbackConsentQuestion = nameof(CallbackConsentQuestion);
    public const string CallbackContactQuestion = nameof(CallbackContactQuestion);
    public const string CallbackConfirmed = nameof(CallbackConfirmed);
    public const string OtherWays = nameof(OtherWays);

    public static IReadOnlyList<string> All { get; } =
    [
        TalkToPerson, NotAPerson, PeopleOnly, EmergencyNumbers, HumanOnlyChosen, ConsentQuestion, ConsentReminder, Yes, No, Cancel, Queued,
        QueuePosition, StillWaiting, Accepted, StaffName, BackToBot, BackToPeopleOnly, Cancelled, OutsideOfficeHours, NobodyAvailable, RequestCallback,
        CallbackConsentQuestion, CallbackContactQuestion, CallbackConfirmed, OtherWays,
    ];
}
