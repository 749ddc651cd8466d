namespace Integrations.Providers.Strava;

/// <summary>Whether Strava shows its consent page to an athlete who already authorized the application (<c>approval_prompt</c>).</summary>
public enum StravaApprovalPrompt
{
    /// <summary>Only when the application asks for scopes the athlete has not granted yet (<c>auto</c>, Strava's default).</summary>
    Auto = 0,

    /// <summary>Every time (<c>force</c>), for example so the athlete can grant a scope they unticked before.</summary>
    Force = 1,
}
