using System.Text.Json.Nodes;
using CitizenBot.SharedKernel.Activities;

namespace CitizenBot.Transparency;

/// <summary>Marks a message as written by a person on the city's staff, so no client shows it as AI content.</summary>
public static class StaffLabel
{
    public static void Apply(Activity activity, string staffName)
    {
        var properties = AiLabel.MessageEntity(activity);
        if (properties["additionalType"] is JsonArray types)
        {
            foreach (var label in types.Where(type => type?.GetValue<string>() == AiLabel.AiGeneratedContent).ToList())
            {
                types.Remove(label);
            }
        }

        properties["author"] = new JsonObject { ["@type"] = "Person", ["name"] = staffName };
        activity.From = new ChannelAccount { Id = activity.From?.Id, Name = staffName, Role = activity.From?.Role };
    }
}
