using Integrations.Internal;

namespace Integrations.Core.Tests.Tokens;

/// <summary>Which callers a single-flight refresh may serve.</summary>
public sealed class RefreshFlightTests
{
    private static readonly IntegrationOwner Owner = TokenTestHost.Owner;

    [Fact]
    public void Running_flight_serves_callers_of_its_owner()
    {
        var flight = new RefreshFlight(Owner, forced: false, rejectedToken: null);

        Assert.True(flight.CanServe(Owner, forced: false, rejectedToken: null, nowTicks: 0));
        Assert.False(flight.CanServe(new IntegrationOwner("tenant-b", Owner.UserId), forced: false, rejectedToken: null, nowTicks: 0));
    }

    [Fact]
    public void Failed_flight_does_not_serve_callers_that_arrive_after_the_failure()
    {
        // Found against the real oidc-provider: between Fail and leaving the flight table, a new
        // caller took the old failure (a lost response's ConnectionError) instead of asking the
        // server, which would have answered invalid_grant.
        var flight = new RefreshFlight(Owner, forced: false, rejectedToken: null);

        flight.Fail(new IntegrationException(IntegrationErrorCode.ConnectionError, "lost") { IsTransient = true });

        Assert.False(flight.CanServe(Owner, forced: false, rejectedToken: null, nowTicks: 0));
        Assert.False(flight.CanServe(Owner, forced: true, rejectedToken: null, nowTicks: 0));
    }

    [Fact]
    public void Flight_that_published_a_token_serves_callers_until_the_token_is_no_longer_usable()
    {
        var flight = new RefreshFlight(Owner, forced: false, rejectedToken: null);

        flight.Publish(new AccessToken("access-1", "Bearer", null), usableUntilTicks: 100);

        Assert.True(flight.CanServe(Owner, forced: false, rejectedToken: null, nowTicks: 99));
        Assert.False(flight.CanServe(Owner, forced: false, rejectedToken: null, nowTicks: 100));
    }
}
