-- Rows of a populated database at schema revision 0003, as the app wrote them.
-- Used to check that upgrading from 0003 keeps every row.
INSERT INTO team_member (id, name, email, active, created_at, updated_at, version) VALUES (1,'Anna de Boer','anna@techzone.nl',1,'2026-11-28 03:32:39.840033','2026-11-28 03:32:39.840041',1);
INSERT INTO tag (id, name, created_at, updated_at, version) VALUES (1,'Kerngroep Chemie','2026-11-28 03:32:39.851745','2026-11-28 03:32:39.851751',1);
INSERT INTO tag (id, name, created_at, updated_at, version) VALUES (2,'Program Board','2026-11-28 03:32:39.861257','2026-11-28 03:32:39.861260',1);
INSERT INTO organisation (id, name, short_name, sort_name, helix, government_level, region, website, is_partner, notes, parent_id, created_at, updated_at, version, street, postal_code, city) VALUES (1,'Provincie Drenthe','','provincie drenthe','government','province','Drenthe','https://provincie.drenthe.nl',1,'',NULL,'2026-11-28 03:32:39.843202','2026-11-28 03:32:39.843207',1,'','','');
INSERT INTO organisation (id, name, short_name, sort_name, helix, government_level, region, website, is_partner, notes, parent_id, created_at, updated_at, version, street, postal_code, city) VALUES (2,'Afdeling Economie','','afdeling economie','government',NULL,'','',0,'',1,'2026-11-28 03:32:39.846326','2026-11-28 03:32:39.846331',1,'','','');
INSERT INTO organisation (id, name, short_name, sort_name, helix, government_level, region, website, is_partner, notes, parent_id, created_at, updated_at, version, street, postal_code, city) VALUES (3,'Hélène Chemie B.V.','','helene chemie b.v.','business',NULL,'','',0,'',NULL,'2026-11-28 03:32:39.847249','2026-11-28 03:32:39.847254',1,'','','');
INSERT INTO organisation_sector (organisation_id, sector) VALUES (1,'htsm');
INSERT INTO organisation_sector (organisation_id, sector) VALUES (1,'logistics');
INSERT INTO organisation_tag (organisation_id, tag_id) VALUES (3,1);
INSERT INTO person (id, given_name, name_prefix, family_name, title, notes, sort_name, owner_id, created_at, updated_at, version, backup_owner_id, do_not_contact) VALUES (1,'Jan','van der','Berg','','','bergjanvan der',1,'2026-11-28 03:32:39.860393','2026-11-28 03:32:39.860401',1,NULL,0);
INSERT INTO person (id, given_name, name_prefix, family_name, title, notes, sort_name, owner_id, created_at, updated_at, version, backup_owner_id, do_not_contact) VALUES (2,'Els','','Bakker','','','bakkerels',NULL,'2026-11-28 03:32:39.866550','2026-11-28 03:32:39.866557',1,1,1);
INSERT INTO email_address (id, person_id, address, kind, position) VALUES (1,1,'jan.vanderberg@drenthe.nl','work',0);
INSERT INTO email_address (id, person_id, address, kind, position) VALUES (2,2,'els@chemie.nl','work',0);
INSERT INTO email_address (id, person_id, address, kind, position) VALUES (3,2,'els@example.org','work',1);
INSERT INTO phone_number (id, person_id, number, kind, position) VALUES (1,1,'+31592365555','work',0);
INSERT INTO phone_number (id, person_id, number, kind, position) VALUES (2,2,'+31612345678','mobile',0);
INSERT INTO person_tag (person_id, tag_id) VALUES (1,2);
INSERT INTO person_tag (person_id, tag_id) VALUES (2,2);
INSERT INTO person_tag (person_id, tag_id) VALUES (2,1);
INSERT INTO affiliation (id, person_id, organisation_id, role, start_date, end_date, notes, created_at, updated_at, version) VALUES (1,1,1,'gedeputeerde','2019-05-01',NULL,'','2026-11-28 03:32:39.870210','2026-11-28 03:32:39.870217',1);
INSERT INTO affiliation (id, person_id, organisation_id, role, start_date, end_date, notes, created_at, updated_at, version) VALUES (2,1,2,'beleidsmedewerker','2012-01-01','2019-04-30','','2026-11-28 03:32:39.871147','2026-11-28 03:32:39.871150',1);
INSERT INTO affiliation (id, person_id, organisation_id, role, start_date, end_date, notes, created_at, updated_at, version) VALUES (3,2,3,'directeur','2020-01-01',NULL,'','2026-11-28 03:32:39.871737','2026-11-28 03:32:39.871739',1);
INSERT INTO saved_view (id, kind, name, query, created_at, updated_at, version) VALUES (1,'people','Program Board','{"current_role": null, "descending": false, "exclude_do_not_contact": false, "government_level": null, "helix": null, "organisation_id": null, "owner_id": null, "partners_only": false, "region": "", "sector": null, "sort": "name", "tag": "Program Board", "text": "", "without_owner": false}','2026-11-28 03:32:39.876631','2026-11-28 03:32:39.876633',1);
INSERT INTO distinct_people (person_a_id, person_b_id, created_at) VALUES (1,2,'2026-11-28 03:32:39.874121');
