using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Demo;

/// <summary>
/// A small fictional website of benign pictures, served on 127.0.0.1 next to Clearline in demo mode, so a newcomer
/// (and the end-to-end tests) can report it, crawl it, classify what was found and see a takedown work.
/// </summary>
/// <remarks>
/// The site has <see cref="Boards"/> picture boards of <see cref="PicturesPerBoard"/> pictures each, linked from its
/// home page; a board links nowhere else, so reporting one board finds exactly its pictures. Board
/// <see cref="NetherlandsBoard"/> answers only on a second address, <see cref="NetherlandsAddress"/>, which demo mode
/// declares hosted in the Netherlands (the others are declared hosted in Germany): the police portals need content
/// hosted in two countries. Its <c>/provider</c> page plays the hosting provider acting on a notice: it takes a board down (the
/// page and its pictures answer 404) or puts it back. Nothing here is abuse material; the pictures are shapes on
/// gradients from <see cref="DemoPictures"/>.
/// </remarks>
public sealed class DemoSite : IAsyncDisposable
{
    public const int Boards = 4;
    public const int PicturesPerBoard = 4;

    /// <summary>The board served on <see cref="NetherlandsAddress"/> only, declared hosted in the Netherlands.</summary>
    public const int NetherlandsBoard = 4;

    /// <summary>The second loopback address the site answers on, for the board hosted in the Netherlands.</summary>
    public static readonly IPAddress NetherlandsAddress = IPAddress.Parse("127.0.0.2");

    private readonly ConcurrentDictionary<int, bool> _takenDown = new();
    private readonly ConcurrentDictionary<(int Board, int Picture), bool> _picturesTakenDown = new();
    private readonly WebApplication _app;

    private DemoSite(WebApplication app) => _app = app;

    /// <summary>Where the site answers, such as <c>http://127.0.0.1:5180/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where the board hosted in the Netherlands answers, such as <c>http://127.0.0.2:5180/</c>.</summary>
    public Uri NetherlandsBaseAddress { get; private set; } = null!;

    /// <summary>The page of board <paramref name="board"/>, to report (on <see cref="NetherlandsBaseAddress"/> for <see cref="NetherlandsBoard"/>).</summary>
    public Uri BoardUrl(int board) => new(board == NetherlandsBoard ? NetherlandsBaseAddress : BaseAddress, $"board/{board}");

    /// <summary>
    /// Starts the site on <paramref name="port"/> of 127.0.0.1 and of <see cref="NetherlandsAddress"/> (0: any free port);
    /// when that port is taken, on any free port.
    /// </summary>
    public static async Task<DemoSite> StartAsync(int port, CancellationToken ct)
    {
        try
        {
            return await StartOnAsync(port, ct);
        }
        catch (IOException ex) when (port != 0 && ex.InnerException is AddressInUseException)
        {
            return await StartOnAsync(0, ct);
        }
    }

    /// <summary>Takes board <paramref name="board"/> down (404) or puts it back, as its hosting provider would.</summary>
    public void SetTakenDown(int board, bool takenDown) => _takenDown[board] = takenDown;

    public bool IsTakenDown(int board) => _takenDown.GetValueOrDefault(board);

    /// <summary>Takes one picture down (404) or puts it back, as a provider acting on a notice for that one URL would.</summary>
    public void SetPictureTakenDown(int board, int picture, bool takenDown) => _picturesTakenDown[(board, picture)] = takenDown;

    public bool IsPictureTakenDown(int board, int picture) => IsTakenDown(board) || _picturesTakenDown.GetValueOrDefault((board, picture));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task<DemoSite> StartOnAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Listen(NetherlandsAddress, port);
        });
        var site = new DemoSite(builder.Build());
        site.Map(site._app);
        try
        {
            await site._app.StartAsync(ct);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }

        var addresses = site._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.EndsWith('/') ? a : a + "/")).ToList();
        site.BaseAddress = addresses.First(a => IPAddress.Parse(a.Host).Equals(IPAddress.Loopback));
        site.NetherlandsBaseAddress = addresses.First(a => IPAddress.Parse(a.Host).Equals(NetherlandsAddress));
        return site;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/", () => Html("Northwind Photo Board", Home()));
        app.MapGet("/board/{board:int}", IResult (int board, HttpContext http) =>
            !IsServed(board, http) || IsTakenDown(board) ? TypedResults.NotFound() : Html($"Board {board}", BoardPage(board)));
        app.MapGet("/pictures/{board:int}-{picture:int}.jpg", IResult (int board, int picture, HttpContext http) =>
            !IsServed(board, http) || picture is < 1 or > PicturesPerBoard || IsPictureTakenDown(board, picture)
                ? TypedResults.NotFound()
                : TypedResults.File(DemoPictures.Jpeg((board * 100) + picture), "image/jpeg"));
        app.MapGet("/provider", () => Html("Hosting provider", ProviderPage()));
        app.MapPost("/provider/boards/{board:int}/takedown", (int board) => Provide(board, takenDown: true));
        app.MapPost("/provider/boards/{board:int}/restore", (int board) => Provide(board, takenDown: false));
        app.MapPost("/provider/pictures/{board:int}-{picture:int}/takedown", (int board, int picture) => ProvidePicture(board, picture, takenDown: true));
        app.MapPost("/provider/pictures/{board:int}-{picture:int}/restore", (int board, int picture) => ProvidePicture(board, picture, takenDown: false));
    }

    private IResult ProvidePicture(int board, int picture, bool takenDown)
    {
        if (!IsBoard(board) || picture is < 1 or > PicturesPerBoard)
        {
            return TypedResults.NotFound();
        }

        SetPictureTakenDown(board, picture, takenDown);
        return TypedResults.Redirect("/provider");
    }

    private IResult Provide(int board, bool takenDown)
    {
        if (!IsBoard(board))
        {
            return TypedResults.NotFound();
        }

        SetTakenDown(board, takenDown);
        return TypedResults.Redirect("/provider");
    }

    private static bool IsBoard(int board) => board is >= 1 and <= Boards;

    /// <summary>Whether <paramref name="board"/> answers on the address the request came to: the Dutch board on its own address only.</summary>
    private static bool IsServed(int board, HttpContext http) =>
        IsBoard(board) && (board == NetherlandsBoard) == NetherlandsAddress.Equals(http.Connection.LocalIpAddress?.MapToIPv4());

    private string Home()
    {
        var links = new StringBuilder();
        for (var board = 1; board <= Boards; board++)
        {
            links.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{BoardUrl(board)}\">Board {board}</a></li>");
        }

        return $"<p>A fictional picture board for the Clearline demo. Every picture is generated shapes.</p><ul>{links}</ul>";
    }

    private static string BoardPage(int board)
    {
        var pictures = new StringBuilder();
        for (var picture = 1; picture <= PicturesPerBoard; picture++)
        {
            pictures.Append(CultureInfo.InvariantCulture,
                $"<img src=\"/pictures/{board}-{picture}.jpg\" width=\"{DemoPictures.Width}\" height=\"{DemoPictures.Height}\" alt=\"Shapes {board}-{picture}\">");
        }

        return $"<p>Pictures of board {board}.</p>{pictures}";
    }

    private string ProviderPage()
    {
        var rows = new StringBuilder();
        for (var board = 1; board <= Boards; board++)
        {
            var (state, action, label) = IsTakenDown(board) ? ("taken down", "restore", "Put back") : ("online", "takedown", "Take down");
            rows.Append(CultureInfo.InvariantCulture,
                $"<tr><th scope=\"row\">Board {board}</th><td id=\"board-{board}-state\">{state}</td>" +
                $"<td><form method=\"post\" action=\"/provider/boards/{board}/{action}\"><button id=\"board-{board}-{action}\" type=\"submit\">{label}</button></form></td></tr>");
            for (var picture = 1; picture <= PicturesPerBoard; picture++)
            {
                var (pictureState, pictureAction, pictureLabel) = IsPictureTakenDown(board, picture) ? ("taken down", "restore", "Put back") : ("online", "takedown", "Take down");
                rows.Append(CultureInfo.InvariantCulture,
                    $"<tr><th scope=\"row\">Picture {board}-{picture}</th><td id=\"picture-{board}-{picture}-state\">{pictureState}</td>" +
                    $"<td><form method=\"post\" action=\"/provider/pictures/{board}-{picture}/{pictureAction}\"><button id=\"picture-{board}-{picture}-{pictureAction}\" type=\"submit\">{pictureLabel}</button></form></td></tr>");
            }
        }

        return "<p>The fictional hosting provider of this site. Taking a board down makes its page and pictures answer 404, and taking a picture down makes that picture answer 404, " +
            $"as a provider does after a notice.</p><table><thead><tr><th scope=\"col\">Page</th><th scope=\"col\">State</th><th scope=\"col\">Action</th></tr></thead><tbody>{rows}</tbody></table>";
    }

    private static ContentHttpResult Html(string title, string body) => TypedResults.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · demo site</title></head><body><h1>{title}</h1>{body}</body></html>",
        "text/html; charset=utf-8");
}
