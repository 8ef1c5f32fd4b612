using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Surveys;

/// <summary>Folds survey answers and sentiment into <see cref="SurveyState"/>.</summary>
public static class Surveys
{
    public static void Apply(SurveyState state, TouchpointEvent e)
    {
        if (e.Score is { } score)
        {
            switch (e.Type)
            {
                case TouchpointType.SurveyNps:
                    state.Nps = Latest(state.Nps, e, score);
                    break;
                case TouchpointType.SurveyCsat:
                    state.Csat = Latest(state.Csat, e, score);
                    break;
                case TouchpointType.SurveyCes:
                    state.Ces = Latest(state.Ces, e, score);
                    break;
            }
        }

        if (e.Sentiment is { } sentiment)
        {
            InsertNewestFirst(state.Sentiments, new Reading(e.Id, e.OccurredAt, Math.Clamp(sentiment, -1, 1)));
        }
    }

    private static Reading Latest(Reading? current, TouchpointEvent e, double score) =>
        current is not { } kept || e.OccurredAt > kept.At || (e.OccurredAt == kept.At && string.CompareOrdinal(e.Id, kept.Id) > 0)
            ? new Reading(e.Id, e.OccurredAt, score)
            : kept;

    private static void InsertNewestFirst(List<Reading> readings, Reading reading)
    {
        var index = 0;
        while (index < readings.Count && (readings[index].At > reading.At
            || (readings[index].At == reading.At && string.CompareOrdinal(readings[index].Id, reading.Id) > 0)))
        {
            index++;
        }

        if (index >= SurveyState.KeptSentiments)
        {
            return;
        }

        readings.Insert(index, reading);
        if (readings.Count > SurveyState.KeptSentiments)
        {
            readings.RemoveAt(readings.Count - 1);
        }
    }
}
