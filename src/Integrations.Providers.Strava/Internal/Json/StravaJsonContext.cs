using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>Source-generated (trimming and AOT friendly) JSON metadata of every Strava payload.</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<StravaActivity>))]
[JsonSerializable(typeof(StravaActivity))]
[JsonSerializable(typeof(StravaActivityUpdateBody))]
[JsonSerializable(typeof(List<StravaPushSubscription>))]
[JsonSerializable(typeof(StravaPushSubscription))]
internal sealed partial class StravaJsonContext : JsonSerializerContext;
