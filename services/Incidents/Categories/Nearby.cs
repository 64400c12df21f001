namespace Omnichannel.Incidents.Categories;

/// <summary>An open incident of the same category close to a new report: the citizen may follow it instead. By its id,
/// never its personal code: the code lets its holder act for the reporter (answer, reopen, rate).</summary>
public sealed record NearbyIncident(Guid IncidentId, double DistanceMeters);

/// <summary>"Already reported nearby": great-circle distances on the mean Earth radius.</summary>
public static class Nearby
{
    /// <summary>The IUGG mean Earth radius: haversine on a sphere is within 0.5% of the ellipsoid, far finer than a pothole report's GPS.</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    public static double HaversineMeters(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The candidates within <paramref name="withinMeters"/> (the boundary included), nearest first.</summary>
    public static IReadOnlyList<NearbyIncident> Match(double latitude, double longitude,
        IEnumerable<(Guid IncidentId, double Latitude, double Longitude)> candidates, double withinMeters) =>
        candidates.Select(c => new NearbyIncident(c.IncidentId, HaversineMeters(latitude, longitude, c.Latitude, c.Longitude)))
            .Where(n => n.DistanceMeters <= withinMeters)
            .OrderBy(n => n.DistanceMeters).ThenBy(n => n.IncidentId).ToList();
}
