namespace CitizenBot.Conversation.Understanding;

/// <summary>
/// Recognises a wish for a person by grammar: a word for a person joined to a verb or noun of talking, connecting, calling back
/// or serving, an elliptic "Mensch bitte", a rejected machine, frustration, or the question whether anyone real is there. A person
/// named as the subject of a service ("für Personen mit Schwerbehinderung", "juristische Person", "pro Person") asks for nobody.
/// </summary>
public static class PersonRequests
{
    // A preposition binds the person it governs when it stands at most this many words before ("mit einer echten Person").
    private const int PrepositionReach = 3;

    // "Ich will nicht mit einem Bot reden": a negation this close before a machine word rejects the machine.
    private const int RejectionReach = 6;

    /// <summary>People only, no AI at all ("ohne KI", "nur von Menschen bearbeitet"); checked before a plain request.</summary>
    public static string? PeopleOnly(IReadOnlyList<SentenceReading> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        // "KI? Nein danke.": the machine named alone, then refused in the next sentence.
        if (sentences.Zip(sentences.Skip(1)).Any(pair => pair.First.Has("ai") && pair.First.OnlyOf("ai", "bot", "filler") && (pair.Second.Has("refuse") || pair.Second.Has("no"))))
        {
            return "no AI: refused after naming it";
        }

        foreach (var sentence in sentences)
        {
            foreach (var ai in sentence.Find("ai"))
            {
                // "Geht das ohne KI?" asks for it too; "Benutzt ihr keine KI?" only asks. "Ich möchte nicht, dass …, von einer KI gelesen wird" spans clauses.
                var negated = !sentence.IsQuestion && sentence.Find("negation").Any(negation => negation.End <= ai.Start);
                if (sentence.Precedes("without", ai.Start, 3) || negated || sentence.Has("refuse"))
                {
                    return $"no AI: '{Text(sentence, ai)}'";
                }
            }

            // Bot or AI refused for the whole matter: "KI? Nein danke, für alles, was mich betrifft", "zero AI in my case".
            if ((sentence.Has("ai") || sentence.Has("bot")) && sentence.Has("whole-matter") && (sentence.Has("negation") || sentence.Has("refuse") || sentence.Has("only")))
            {
                return "no AI for the whole matter";
            }

            var wish = sentence.Has("want") || sentence.Has("serve") || sentence.Has("talk") || sentence.Has("whole-matter") || sentence.OnlyOf("only", "people", "real", "filler");
            foreach (var person in RequestedPeople(sentence))
            {
                var onlyBefore = sentence.Find("only").Any(only => only.End <= person.Start && person.Start - only.End <= 3
                    && Enumerable.Range(only.End, person.Start - only.End).All(i => IsLinkingWord(sentence, i)));
                var onlyAfter = sentence.Follows("only", person, 1);
                if ((onlyBefore || onlyAfter) && wish)
                {
                    return $"people only: '{Text(sentence, person)}'";
                }
            }
        }

        return null;
    }

    /// <summary>The rule and words that make the message a request for a person, or null.</summary>
    public static PersonRequest? Request(IReadOnlyList<SentenceReading> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var personNamed = sentences.Any(sentence => RequestedPeople(sentence).Count > 0);
        foreach (var sentence in sentences)
        {
            if (Frustration(sentence) is { } angry)
            {
                return new PersonRequest(angry, false);
            }

            if (AboutTheBot(sentence) is { } aboutBot)
            {
                return aboutBot;
            }

            var evidence = TalkTo(sentence, personNamed) ?? TransferTo(sentence) ?? CallBack(sentence) ?? ContactWith(sentence) ?? ServedBy(sentence)
                ?? Elliptic(sentence) ?? RejectsMachine(sentence) ?? Complains(sentence);
            if (evidence is not null)
            {
                return new PersonRequest(evidence, false);
            }
        }

        return null;
    }

    private static string? Frustration(SentenceReading sentence) =>
        sentence.Find("frustration", typos: true) is [var match, ..] ? $"frustration: '{Text(sentence, match)}'" : null;

    /// <summary>"Bist du ein Bot?", "Ist da jemand?", "Am I talking to a human?": answered honestly, with the way to a person.</summary>
    private static PersonRequest? AboutTheBot(SentenceReading sentence)
    {
        foreach (var about in sentence.Find("about-you"))
        {
            // "Ist das echt?" may ask about anything; "Bist du echt?" asks about the bot.
            var addressesTheBot = sentence.Words.Skip(about.Start).Take(about.Length).Any(word => word is "du" or "sie" or "you");
            if (sentence.Follows("bot", about, 4) || sentence.Follows("people", about, 4) || (addressesTheBot && sentence.Follows("real", about, 4)))
            {
                return new PersonRequest($"asks what answers: '{Text(sentence, about)}'", true);
            }
        }

        if (sentence.IsQuestion && sentence.Has("presence") && (sentence.Has("real") || RequestedPeople(sentence).Count > 0)
            && sentence.OnlyOf("presence", "people", "real", "ability", "filler", "bot", "citizen-possessive"))
        {
            return new PersonRequest("asks whether anyone is there", true);
        }

        // "Ist ein Sachbearbeiter erreichbar?", "is anyone from the registry office available to chat?".
        if (sentence.IsQuestion && sentence.Has("available") && RequestedPeople(sentence).Count > 0 && !sentence.Has("obligation"))
        {
            return new PersonRequest("asks whether someone is available", false);
        }

        return null;
    }

    /// <summary>"mit einem Menschen sprechen", "talk to an agent", "mit dem Standesamt reden", "ein Gespräch mit einer Sachbearbeiterin".</summary>
    private static string? TalkTo(SentenceReading sentence, bool personNamedInMessage)
    {
        if (!sentence.AsksSomething)
        {
            return null;
        }

        var verbs = sentence.Find("talk", typos: true).Where(verb => !AsksAboutProcedure(sentence, verb)).ToList();
        var nouns = sentence.Find("contact-noun");
        if (verbs.Count == 0 && nouns.Count == 0)
        {
            return null;
        }

        var bound = BoundPeople(sentence).Concat(BoundOffices(sentence)).Where(match => !sentence.NegatedAt(match.Start)).ToList();
        if (verbs.Count > 0 && !verbs.Any(verb => sentence.NegatedAt(verb.Start)))
        {
            // "Ich möchte ihn direkt sprechen": the person was named in another sentence of the message.
            var pronoun = personNamedInMessage && sentence.Has("that-person");
            var withWhom = sentence.Has("who") && sentence.IsQuestion && sentence.Has("to-someone");
            var accusative = !sentence.Has("language-name") && verbs.Any(verb => RequestedPeople(sentence).Any(person => person.End <= verb.Start && verb.Start - person.End < 3));
            if (bound.Count > 0 || pronoun || accusative || withWhom)
            {
                return $"talk '{Text(sentence, verbs[0])}' + person or office";
            }
        }

        // "Menschlichen Kontakt bitte", "ein persönliches Gespräch": the noun asks for a conversation with someone real.
        var realConversation = nouns.Any(noun => sentence.Precedes("real", noun.Start, 2)) && !sentence.Has("language-name");
        return nouns.Count > 0 && (BoundPeople(sentence).Count > 0 || realConversation) ? $"conversation '{Text(sentence, nouns[0])}' with a person" : null;
    }

    /// <summary>"Verbinden Sie mich mit dem Bürgerbüro", "stellen Sie mich durch", "transfer me to a human".</summary>
    private static string? TransferTo(SentenceReading sentence)
    {
        var verbs = sentence.Find("transfer", typos: true);
        var separated = sentence.HasSeparated("transfer-stem", "transfer-particle");
        if (verbs.Count == 0 && !separated)
        {
            return null;
        }

        var people = RequestedPeople(sentence);
        var target = sentence.Has("citizen") || people.Count > 0 || sentence.Has("office") || OfficeCompounds(sentence).Count > 0;
        var negated = verbs.Any(verb => sentence.NegatedAt(verb.Start)) || people.Any(person => sentence.NegatedAt(person.Start));
        return target && !negated ? "transfer to a person or office" : null;
    }

    /// <summary>"Rückruf bitte", "kann mich jemand anrufen?", "ring me back".</summary>
    private static string? CallBack(SentenceReading sentence)
    {
        // "Ruft mich das Fundbüro an, sobald …?" asks how the office works, not for a call now.
        if (sentence.IsQuestion && sentence.Has("condition") && (sentence.Has("office") || OfficeCompounds(sentence).Count > 0))
        {
            return null;
        }

        foreach (var call in sentence.Find("callback", typos: true))
        {
            var word = sentence.Words[call.Start];
            var alwaysACallback = call.Length > 1 || word.StartsWith("ruckruf", StringComparison.Ordinal) || word.StartsWith("zuruckruf", StringComparison.Ordinal)
                || word is "callback";
            if (sentence.NegatedAt(call.Start))
            {
                continue;
            }

            if (alwaysACallback || sentence.Has("citizen") || RequestedPeople(sentence).Count > 0)
            {
                return $"callback: '{Text(sentence, call)}'";
            }
        }

        return sentence.HasSeparated("callback-stem", "callback-particle") && sentence.Has("citizen") ? "callback: call me" : null;
    }

    /// <summary>"Wie erreiche ich einen Menschen?", "kann mich jemand kontaktieren?", "get in touch with someone".</summary>
    private static string? ContactWith(SentenceReading sentence)
    {
        // "wenn sich jemand bei mir meldet": reporting back to the citizen is contacting them.
        var verbs = sentence.Find("contact").Concat(sentence.Has("at-citizen") ? sentence.Find("report-back") : []).ToList();
        if (verbs.Count == 0 || verbs.Any(verb => sentence.NegatedAt(verb.Start)))
        {
            return null;
        }

        var someone = RequestedPeople(sentence).Where(person => !sentence.NegatedAt(person.Start)).ToList();
        return someone.Count > 0 ? $"contact '{Text(sentence, verbs[0])}' + '{Text(sentence, someone[0])}'" : null;
    }

    /// <summary>"Kann mir ein Mensch helfen?", "wer kann mich persönlich beraten?", "ich möchte, dass ein Mensch das übernimmt".</summary>
    private static string? ServedBy(SentenceReading sentence)
    {
        // No typos here: the verbs are short and common, and a letter off is often another word ("handed" is not "handled").
        var serve = sentence.Find("serve");
        if (serve.Count == 0 || !sentence.AsksSomething && !sentence.Has("obligation"))
        {
            return null;
        }

        var people = RequestedPeople(sentence);
        if (people.Count > 0 && !sentence.NegatedAt(people[0].Start))
        {
            // For the citizen ("mir", "mein Antrag", "ich möchte"), asked as a possibility ("Kann ein Mensch das prüfen?"),
            // or demanded ("Das muss ein Mensch entscheiden"); "Muss ein Mensch das prüfen?" asks how the service works.
            var forTheCitizen = sentence.Has("citizen") || sentence.Has("citizen-possessive") || sentence.Has("want")
                || (sentence.IsQuestion && (sentence.Classes.IsWord("ability", sentence.Words, 0) || serve.Any(verb => AsksWhoDoesIt(sentence, verb, people[0]))));
            var demanded = sentence.Has("obligation") && !sentence.IsQuestion;
            return (forTheCitizen && !serve.All(verb => AsksAboutProcedure(sentence, verb))) || demanded ? $"served by '{Text(sentence, people[0])}'" : null;
        }

        // "Wer kann mir helfen?": asking who could serve the citizen is asking for someone.
        return sentence.IsQuestion && sentence.Has("who") && sentence.Has("citizen") && sentence.Has("ability") ? "asks who can serve" : null;
    }

    /// <summary>"Mensch!", "einen echten Menschen bitte", "human please", "Zum Kundenservice bitte": nothing but a person (or office) and politeness.</summary>
    private static string? Elliptic(SentenceReading sentence)
    {
        var clauses = Clauses(sentence).ToList();
        if (clauses.Count > 1)
        {
            clauses.Insert(0, new WordMatch(0, sentence.Words.Count));
        }

        foreach (var clause in clauses)
        {
            // One clause of several must say the wish itself ("Zum dritten Mal: ich will einen Sachbearbeiter"), not just name someone ("Die Person, der …").
            var wholeSentence = clause.Length == sentence.Words.Count;
            var wished = wholeSentence || Enumerable.Range(clause.Start, clause.Length).Any(i => sentence.Classes.IsWord("want", sentence.Words, i));
            var people = RequestedPeople(sentence).Where(person => person.Start >= clause.Start && person.End <= clause.End).ToList();
            var allowed = OfficeCompounds(sentence).Concat(people);
            if (wished && people.Count > 0 && !sentence.NegatedAt(people[0].Start)
                && sentence.OnlyOf(clause, allowed, "real", "want", "filler", "office", "ability", "instead", "bot", "citizen", "presence"))
            {
                return $"asks for '{Text(sentence, people[0])}'";
            }

            // "Rückruf?", "Anrufen!": a call asked for and nothing else.
            if (wholeSentence && sentence.Has("call-noun") && sentence.OnlyOf("call-noun", "filler", "want", "real", "citizen"))
            {
                return "asks for a call";
            }

            // "Zum Bürgerbüro bitte": a direction to an office and nothing else.
            var towards = clause.Length > 1 && sentence.Classes.IsWord("to-someone", sentence.Words, clause.Start);
            var offices = sentence.Find("office").Concat(OfficeCompounds(sentence)).Where(office => office.Start > clause.Start && office.End <= clause.End).ToList();
            if (towards && offices.Count > 0 && sentence.OnlyOf(clause, offices, "filler", "want"))
            {
                return $"asks for the office '{Text(sentence, offices[0])}'";
            }
        }

        return null;
    }

    /// <summary>"keinen Bot", "ich will nicht mit einer Maschine reden", "statt Chat", "no bot".</summary>
    private static string? RejectsMachine(SentenceReading sentence)
    {
        if (sentence.IsQuestion && RequestedPeople(sentence).Count == 0)
        {
            return null;
        }

        foreach (var machine in sentence.Find("bot"))
        {
            if (sentence.Precedes("negation", machine.Start, RejectionReach) || sentence.Precedes("without", machine.Start, 2) || sentence.Precedes("instead", machine.Start, 3))
            {
                return $"rejects the machine: '{Text(sentence, machine)}'";
            }
        }

        return null;
    }

    /// <summary>"bei der Leitung beschweren", "ich möchte mich beschweren!".</summary>
    private static string? Complains(SentenceReading sentence)
    {
        if (!sentence.Has("complain"))
        {
            return null;
        }

        var atSomeone = RequestedPeople(sentence).Count > 0 || sentence.Has("office") || OfficeCompounds(sentence).Count > 0;
        var nothingElse = sentence.OnlyOf("complain", "want", "filler", "citizen", "ability");
        return atSomeone || nothingElse ? "complaint to a person" : null;
    }

    /// <summary>
    /// "Liest das ein Mensch?", "Does a human read this?": the person does the serving. German asks verb first with the person after it,
    /// English names the person first; "how long does the check take when a person converts …" names a person for something else.
    /// </summary>
    private static bool AsksWhoDoesIt(SentenceReading sentence, WordMatch verb, WordMatch person) =>
        sentence.Sentence.ClauseOf(verb.Start) == sentence.Sentence.ClauseOf(person.Start)
        && (sentence.Classes.Language == "de" ? Math.Abs(person.Start - verb.Start) <= 6 : person.End <= verb.Start && verb.Start - person.End <= 3);

    /// <summary>"Muss ich mit dem Standesamt sprechen?" asks how the service works, not for a person now; "…, oder muss ich warten?" does not.</summary>
    private static bool AsksAboutProcedure(SentenceReading sentence, WordMatch verb) =>
        sentence.IsQuestion && sentence.Find("obligation").Any(obligation => obligation.End <= verb.Start && sentence.Sentence.ClauseOf(obligation.Start) == sentence.Sentence.ClauseOf(verb.Start));

    /// <summary>People governed by "mit", "zu", "with", "to" …: the one the citizen wants to talk to.</summary>
    private static List<WordMatch> BoundPeople(SentenceReading sentence) =>
        [.. RequestedPeople(sentence).Where(person => sentence.Precedes("to-someone", person.Start, PrepositionReach))];

    private static List<WordMatch> BoundOffices(SentenceReading sentence) =>
        [.. sentence.Find("office").Concat(OfficeCompounds(sentence)).Where(office => sentence.Precedes("to-someone", office.Start, PrepositionReach))];

    /// <summary>The people words meant as someone to talk to, not as the subject of a service ("für Personen mit Schwerbehinderung").</summary>
    private static List<WordMatch> RequestedPeople(SentenceReading sentence) =>
        [.. sentence.Find("people", typos: true).Concat(Compounds(sentence, "people-suffix")).Where(person => !NamedAsSubjectOfService(sentence, person))];

    /// <summary>Single words ending in a word of the class: "Verwaltungsmitarbeiterin" is a Mitarbeiterin, "Standesamt" an Amt.</summary>
    private static IEnumerable<WordMatch> Compounds(SentenceReading sentence, string suffixClass)
    {
        var suffixes = sentence.Classes.SingleWords(suffixClass);
        for (var i = 0; i < sentence.Words.Count; i++)
        {
            var word = sentence.Words[i];
            if (suffixes.Any(suffix => word.Length >= suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal)))
            {
                yield return new WordMatch(i, 1);
            }
        }
    }

    private static bool NamedAsSubjectOfService(SentenceReading sentence, WordMatch person)
    {
        var words = sentence.Words;
        if (sentence.Precedes("beneficiary", person.Start, 3) || sentence.Precedes("person-kind", person.Start, 2))
        {
            return true;
        }

        // "Personen mit Schwerbehinderung", "people with disabilities": a person described, not addressed ("…, mit der ich chatten kann" is another clause).
        // "someone with a pulse", "jemand mit echtem Herzschlag" still describe the person wanted: a real one.
        return person.End < words.Count - 1 && words[person.End] is "mit" or "with" or "ohne"
            && sentence.Sentence.ClauseOf(person.End) == sentence.Sentence.ClauseOf(person.Start) && !sentence.Classes.IsWord("citizen", words, person.End + 1)
            && !sentence.Follows("real", new WordMatch(person.End, 1), 3);
    }

    /// <summary>Words between "nur" and the person that keep them together: "nur von einem Menschen", "only by real people", "ich will nur Menschen".</summary>
    private static bool IsLinkingWord(SentenceReading sentence, int index) =>
        sentence.Words[index] is "noch" or "von" or "durch" or "mit" or "bei" or "den" or "dem" or "der" or "die" or "einen" or "einem" or "by" or "with" or "from" or "to" or "the"
        || sentence.Classes.IsWord("real", sentence.Words, index) || sentence.Classes.IsWord("want", sentence.Words, index);

    /// <summary>"Standesamt", "Zulassungsstelle": compounds ending in an office word, and the office words themselves ("registry office").</summary>
    private static List<WordMatch> OfficeCompounds(SentenceReading sentence) => [.. sentence.Find("office-suffix"), .. Compounds(sentence, "office-suffix")];

    /// <summary>The clauses of a sentence as word ranges: "Zum dritten Mal: ich will einen Sachbearbeiter" has two.</summary>
    private static IEnumerable<WordMatch> Clauses(SentenceReading sentence)
    {
        var starts = sentence.Sentence.ClauseStarts.Prepend(0).Append(sentence.Words.Count).Distinct().Order().ToList();
        for (var i = 0; i < starts.Count - 1; i++)
        {
            yield return new WordMatch(starts[i], starts[i + 1] - starts[i]);
        }
    }

    private static string Text(SentenceReading sentence, WordMatch match) => string.Join(' ', sentence.Words.Skip(match.Start).Take(match.Length));
}

/// <summary>A request for a person and the rule that found it; <paramref name="AsksWhatTheBotIs"/> when the citizen asked whether a machine answers.</summary>
public sealed record PersonRequest(string Evidence, bool AsksWhatTheBotIs);
