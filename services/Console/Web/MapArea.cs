using System.Globalization;
using Omnichannel.StaffConsole.Texts;

namespace Omnichannel.StaffConsole.Web;

public readonly record struct MapPoint(double Latitude, double Longitude);

/// <summary>
/// The municipality as the citizen web draws it (no map tiles offline): its bounds, its coast as a line, a landmark
/// to find one's bearings and where to write "sea". <c>Web:Map:North|South|West|East</c>, <c>Web:Map:Coast</c> ("lat lon;
/// lat lon;…"), <c>Web:Map:Landmark</c> ("lat lon"); the defaults draw Mataró schematically.
/// </summary>
public sealed record MapArea(double North, double South, double West, double East, IReadOnlyList<MapPoint> Coast, MapPoint Landmark, MapPoint Sea)
{
    public static readonly MapArea Mataro = new(41.585, 41.515, 2.395, 2.485,
        [new(41.5185, 2.403), new(41.528, 2.430), new(41.534, 2.447), new(41.544, 2.462), new(41.556, 2.480), new(41.558, 2.485)],
        new(41.5381, 2.4445), new(41.524, 2.455));

    public static MapArea From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Web:Map");
        double Read(string key, double fallback) =>
            double.TryParse(section[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
        var coast = Points(section["Coast"]);
        var landmark = Points(section["Landmark"]);
        var area = new MapArea(Read("North", Mataro.North), Read("South", Mataro.South), Read("West", Mataro.West), Read("East", Mataro.East),
            coast.Count >= 2 ? coast : Mataro.Coast, landmark.Count == 1 ? landmark[0] : Mataro.Landmark, Mataro.Sea);
        return area.North > area.South && area.East > area.West ? area : Mataro;
    }

    private static List<MapPoint> Points(string? text) =>
        (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length == 2 && double.TryParse(p[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _) && double.TryParse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(p => new MapPoint(double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();

    /// <summary>Where a point is in words, from the landmark: "about 450 m north-east of the town hall" — what a
    /// screen-reader user hears as the arrows move the pin.</summary>
    public string Describe(double latitude, double longitude, T t)
    {
        var metres = Distance(Landmark.Latitude, Landmark.Longitude, latitude, longitude);
        if (metres < 25) return t["web-report-map-at-landmark"];
        var north = (latitude - Landmark.Latitude) * 111_320;
        var east = (longitude - Landmark.Longitude) * 111_320 * Math.Cos(Landmark.Latitude * Math.PI / 180);
        var bearing = (Math.Atan2(east, north) * 180 / Math.PI + 360) % 360;
        string[] octants = ["n", "ne", "e", "se", "s", "sw", "w", "nw"];
        var direction = t[$"web-report-map-dir-{octants[(int)Math.Round(bearing / 45) % 8]}"];
        var rounded = metres < 1000 ? $"{Math.Round(metres / 10) * 10:0} m" : $"{(metres / 1000).ToString("0.0", CultureInfo.InvariantCulture)} km";
        return string.Format(t["web-report-map-from-landmark"], rounded, direction);
    }

    private static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * 6_371_008.8 * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
