using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KnownMaterial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PdqDihedral",
                table: "MediaItems",
                type: "character varying(448)",
                maxLength: 448,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HashLists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Trust = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Visibility = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Scheme = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Mapping = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HashLists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HashLists_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MediaClassifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MediaSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Verdict = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Jurisdiction = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: true),
                    AgeGroup = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Gender = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Flags = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    MatchId = table.Column<Guid>(type: "uuid", nullable: true),
                    HashListId = table.Column<Guid>(type: "uuid", nullable: true),
                    KnownHashId = table.Column<long>(type: "bigint", nullable: true),
                    ClassifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SupersededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaClassifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediaClassifications_MediaItems_MediaSha256",
                        column: x => x.MediaSha256,
                        principalTable: "MediaItems",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HashListImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    HashListId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Format = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileLength = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    LinesRead = table.Column<long>(type: "bigint", nullable: false),
                    EntriesAdded = table.Column<long>(type: "bigint", nullable: false),
                    EntriesUnchanged = table.Column<long>(type: "bigint", nullable: false),
                    ErrorCount = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HashListImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HashListImports_HashLists_HashListId",
                        column: x => x.HashListId,
                        principalTable: "HashLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KnownHashes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HashListId = table.Column<Guid>(type: "uuid", nullable: false),
                    Md5 = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Sha1 = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Pdq = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PdqQuality = table.Column<int>(type: "integer", nullable: true),
                    PhotoDna = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    SourceId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: true),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TombstonedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TombstoneReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TombstonedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnownHashes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KnownHashes_HashLists_HashListId",
                        column: x => x.HashListId,
                        principalTable: "HashLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HashListImportErrors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<long>(type: "bigint", nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HashListImportErrors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HashListImportErrors_HashListImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "HashListImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KnownHashRemovals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KnownHashId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnownHashRemovals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KnownHashRemovals_KnownHashes_KnownHashId",
                        column: x => x.KnownHashId,
                        principalTable: "KnownHashes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MediaMatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MediaSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HashListId = table.Column<Guid>(type: "uuid", nullable: false),
                    KnownHashId = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Distance = table.Column<int>(type: "integer", nullable: false),
                    Transform = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Review = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedByOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaMatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediaMatches_KnownHashes_KnownHashId",
                        column: x => x.KnownHashId,
                        principalTable: "KnownHashes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MediaMatches_MediaItems_MediaSha256",
                        column: x => x.MediaSha256,
                        principalTable: "MediaItems",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "HashLists",
                columns: new[] { "Id", "Active", "CreatedAt", "Kind", "Mapping", "Name", "OwnerOrganisationId", "Scheme", "Source", "Trust", "UpdatedAt", "Visibility" },
                values: new object[] { new Guid("00000000-0000-7000-8000-00000000c1a5"), true, new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "OwnClassifications", "{\"Baseline\":{\"outcome\":\"Baseline\",\"flags\":\"None\"},\"National\":{\"outcome\":\"Suggest\",\"flags\":\"None\"},\"NotIllegal\":{\"outcome\":\"Suggest\",\"flags\":\"None\"}}", "Network classifications", null, "Clearline", "Clearline", "AutoClassify", new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "Network" });

            migrationBuilder.CreateIndex(
                name: "IX_HashListImportErrors_ImportId_Line",
                table: "HashListImportErrors",
                columns: new[] { "ImportId", "Line" });

            migrationBuilder.CreateIndex(
                name: "IX_HashListImports_HashListId_CreatedAt",
                table: "HashListImports",
                columns: new[] { "HashListId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HashLists_Name",
                table: "HashLists",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HashLists_OwnerOrganisationId",
                table: "HashLists",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_KnownHashes_HashListId_Id",
                table: "KnownHashes",
                columns: new[] { "HashListId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_KnownHashes_Md5",
                table: "KnownHashes",
                column: "Md5");

            migrationBuilder.CreateIndex(
                name: "IX_KnownHashes_Pdq",
                table: "KnownHashes",
                column: "Pdq");

            migrationBuilder.CreateIndex(
                name: "IX_KnownHashes_PhotoDna",
                table: "KnownHashes",
                column: "PhotoDna");

            migrationBuilder.CreateIndex(
                name: "IX_KnownHashes_Sha1",
                table: "KnownHashes",
                column: "Sha1");

            migrationBuilder.CreateIndex(
                name: "IX_KnownHashes_Sha256",
                table: "KnownHashes",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_KnownHashRemovals_KnownHashId",
                table: "KnownHashRemovals",
                column: "KnownHashId");

            migrationBuilder.CreateIndex(
                name: "IX_MediaClassifications_ClassifiedAt",
                table: "MediaClassifications",
                column: "ClassifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MediaClassifications_MatchId",
                table: "MediaClassifications",
                column: "MatchId");

            migrationBuilder.CreateIndex(
                name: "IX_MediaClassifications_MediaSha256_SupersededAt",
                table: "MediaClassifications",
                columns: new[] { "MediaSha256", "SupersededAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MediaMatches_HashListId_Review",
                table: "MediaMatches",
                columns: new[] { "HashListId", "Review" });

            migrationBuilder.CreateIndex(
                name: "IX_MediaMatches_KnownHashId",
                table: "MediaMatches",
                column: "KnownHashId");

            migrationBuilder.CreateIndex(
                name: "IX_MediaMatches_MediaSha256_KnownHashId",
                table: "MediaMatches",
                columns: new[] { "MediaSha256", "KnownHashId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HashListImportErrors");

            migrationBuilder.DropTable(
                name: "KnownHashRemovals");

            migrationBuilder.DropTable(
                name: "MediaClassifications");

            migrationBuilder.DropTable(
                name: "MediaMatches");

            migrationBuilder.DropTable(
                name: "HashListImports");

            migrationBuilder.DropTable(
                name: "KnownHashes");

            migrationBuilder.DropTable(
                name: "HashLists");

            migrationBuilder.DropColumn(
                name: "PdqDihedral",
                table: "MediaItems");
        }
    }
}
