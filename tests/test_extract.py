"""Each pattern family on invented texts, asserting the exact facts, dates and certainty.

Every test compares the whole set of facts its text yields, so a new fact, right or wrong, fails it; the few
known wrong facts are listed too, marked, so that fixing them shows up here as well."""

from factionmap.components.mentions import classify, written_as_names
from factionmap.pipeline import extract_rules, extract_text


def facts(text: str, published: str | None = None) -> set[tuple]:
    ext = extract_text(text, published)
    names = [e.name for e in ext.entities]
    return {
        (
            names[f.subject],
            f.relation,
            None if f.object is None else names[f.object],
            f.value,
            f.date or (f.start, f.end) if (f.start or f.end) else f.date,
            f.certainty,
        )
        for f in ext.facts
    }


def entities(text: str) -> list[tuple[str, str, list[str]]]:
    return [(e.name, e.type, sorted(e.aliases)) for e in extract_text(text).entities]


def test_definitions_translations_and_topic_aliases_make_one_entity():
    text = "Jamaat Nur al-Haq (JNH, 'Light of Truth Society') was formed in 2011. It is also known as the Nur Front."
    assert entities(text) == [("Jamaat Nur al-Haq", "ORG", ["JNH", "Light of Truth Society", "Nur Front"])]
    assert facts(text) == {("Jamaat Nur al-Haq", "founded_on", None, None, "2011", "asserted")}


def test_acronym_splinter_possessive_leader_killed_and_succession():
    text = (
        "The Tehrik-e Sabr Pakistan (TSP) is a splinter group of the Tehrik-e Qamar Pakistan (TQP). "
        "TQP leader Mullah Zarif Gul was killed in a drone strike in mid-2013. "
        "He was succeeded by Hafiz Amin Barakzai."
    )
    assert facts(text) == {
        ("Tehrik-e Sabr Pakistan", "splinter_of", "Tehrik-e Qamar Pakistan", None, None, "asserted"),
        ("Mullah Zarif Gul", "leader_of", "Tehrik-e Qamar Pakistan", "leader", "2013-38", "asserted"),
        ("Mullah Zarif Gul", "killed", None, None, "2013-38", "asserted"),
        ("Hafiz Amin Barakzai", "successor_of", "Mullah Zarif Gul", None, None, "asserted"),
        ("Hafiz Amin Barakzai", "leader_of", "Tehrik-e Qamar Pakistan", "leader", None, "asserted"),  # his place
    }


def test_coordinated_merger_and_reported_funding():
    text = (
        "In late 2014, the Red Hand Brigade, the Azure Movement and the Karvan Front merged into the United "
        "Karvan Front. The United Karvan Front reportedly received funding from the Sarif Charity Trust."
    )
    assert facts(text) == {
        ("Red Hand Brigade", "merged_into", "United Karvan Front", None, "2014-39", "asserted"),
        ("Azure Movement", "merged_into", "United Karvan Front", None, "2014-39", "asserted"),
        ("Karvan Front", "merged_into", "United Karvan Front", None, "2014-39", "asserted"),
        ("United Karvan Front", "funded_by", "Sarif Charity Trust", None, None, "reported"),
    }


def test_symmetric_relations_and_a_later_denial():
    text = (
        "The Hawk Battalion and the Karvan Front clashed in the summer of 2016. A ceasefire between the Hawk "
        "Battalion and the Karvan Front was signed on 3 February 2017, but the Hawk Battalion later denied the "
        "agreement."
    )
    assert facts(text) == {
        ("Hawk Battalion", "rival_of", "Karvan Front", None, "2016-22", "asserted"),
        ("Hawk Battalion", "ceasefire_with", "Karvan Front", None, "2017-02-03", "denied"),
    }


def test_participle_founding_base_and_hedges():
    text = (
        "Founded in 1998 by Sheikh Omar Dalil, the Dalil Network is based in Sarakand Province. It may have "
        "pledged allegiance to the Crescent State in 2015. It is unclear whether the Dalil Network joined the "
        "Azure Movement."
    )
    assert facts(text) == {
        ("Dalil Network", "founded_on", None, None, "1998", "asserted"),
        ("Sheikh Omar Dalil", "founded", "Dalil Network", None, "1998", "asserted"),
        ("Dalil Network", "based_in", "Sarakand Province", None, None, "asserted"),
        ("Dalil Network", "allegiance_to", "Crescent State", None, "2015", "possible"),
        ("Dalil Network", "joined", "Azure Movement", None, None, "unclear"),
    }


def test_membership_claims_ranges_support_and_carried_subject():
    text = (
        "The Karvan Front claimed 2,500 fighters in 2018. Estimates put the strength of the Azure Movement at "
        "between 300 and 400 members. The Azure Movement is supported by Iran and is allied with the Hawk "
        "Battalion."
    )
    assert facts(text) == {
        ("Karvan Front", "membership", None, "2500", "2018", "claimed"),
        ("Azure Movement", "membership", None, "300", None, "reported"),
        ("Azure Movement", "supported_by", "Iran", None, None, "asserted"),
        ("Azure Movement", "allied_with", "Hawk Battalion", None, None, "asserted"),
    }
    ext = extract_text(text)
    assert [f.value_high for f in ext.facts if f.relation == "membership"] == [None, "400"]


def test_role_titles_membership_and_relative_dates():
    text = (
        "In 2014, Commander Rahim Jabbar, a member of the Hawk Battalion, met the Karvan Front. He defected to "
        "the Karvan Front two years later."
    )
    assert facts(text) == {
        ("Rahim Jabbar", "member_of", "Hawk Battalion", None, "2014", "asserted"),
        ("Rahim Jabbar", "joined", "Karvan Front", None, "2016", "asserted"),
    }


def test_look_alikes_stay_apart_and_designations_read_both_voices():
    text = (
        "The Sarif Council (not to be confused with the Sarif Charity Trust) was banned by the government of "
        "Pakistan in 2019. The United Nations designated the Dalil Network as a terrorist organization in "
        "March 2019."
    )
    ents = extract_text(text).entities
    council = next(e for e in ents if e.name == "Sarif Council")
    assert council.distinct == {"Sarif Charity Trust"}
    assert facts(text) == {
        ("Sarif Council", "designated", "Pakistan", None, "2019", "asserted"),
        ("Dalil Network", "designated", "United Nations", None, "2019-03", "asserted"),
    }


def test_place_lists_and_groups_in_places():
    text = (
        "In Karistan, groups included the Salt Front, Harakat al-Nur, and the Jaysh al-Qamar. The Jaysh al-Qamar "
        "in Ostrava recruited widely. The Harakat al-Nur (HaN) is a small group active in Ostrava, Karistan."
    )
    got = facts(text)
    assert got == {
        ("Salt Front", "based_in", "Karistan", None, None, "asserted"),
        ("Harakat al-Nur", "based_in", "Karistan", None, None, "asserted"),
        ("Jaysh al-Qamar", "based_in", "Karistan", None, None, "asserted"),
        ("Jaysh al-Qamar", "based_in", "Ostrava", None, None, "asserted"),
        ("Harakat al-Nur", "based_in", "Ostrava", None, None, "asserted"),
    }


def test_deceased_founders_from_a_sanctions_summary():
    text = (
        "The Karim Jihad Union (KJU) was formed when it broke away from the Salt Front (SF). KJU was founded "
        "and led by Anvar Tolibovich Rasulov (deceased) and Bekzod Umarovich Saidov (deceased)."
    )
    assert facts(text) == {
        ("Karim Jihad Union", "splinter_of", "Salt Front", None, None, "asserted"),
        ("Anvar Tolibovich Rasulov", "founded", "Karim Jihad Union", None, None, "asserted"),
        ("Bekzod Umarovich Saidov", "founded", "Karim Jihad Union", None, None, "asserted"),
        ("Anvar Tolibovich Rasulov", "leader_of", "Karim Jihad Union", "leader", None, "asserted"),
        ("Bekzod Umarovich Saidov", "leader_of", "Karim Jihad Union", "leader", None, "asserted"),
        ("Anvar Tolibovich Rasulov", "killed", None, None, None, "asserted"),
        ("Bekzod Umarovich Saidov", "killed", None, None, None, "asserted"),
    }


def test_sentence_initial_led_by_names_the_group_after_the_comma():
    text = (
        "Led by Mawlavi Sadiq Noorzai and later Qari Javed Hamid, the Tor Ghar Front expanded across "
        "Lashkarabad Province in 2019."
    )
    got = facts(text)
    assert got == {
        ("Mawlavi Sadiq Noorzai", "leader_of", "Tor Ghar Front", "leader", "2019", "asserted"),
        ("Qari Javed Hamid", "leader_of", "Tor Ghar Front", "leader", "2019", "asserted"),
        ("Qari Javed Hamid", "successor_of", "Mawlavi Sadiq Noorzai", None, "2019", "asserted"),
    }


def test_attacks_by_one_group_against_another():
    text = "The 2011 attacks by the Kestrel Front against the Salt Brigade killed dozens."
    assert facts(text) == {
        ("Kestrel Front", "rival_of", "Salt Brigade", None, "2011", "asserted"),
    }


def test_founders_with_descriptions_breakaway_groups_and_independence():
    text = (
        "The Salt Brigade was formed in 1998 by cleric Anwar Baseer and former army officer Rustam Dilovar. "
        "Commander Yaqub Noori's new breakaway group would officially join the Salt Brigade on 6 March 2015. "
        "The Sarak Front claimed its independence from the Salt Brigade in late 2015."
    )
    got = facts(text)
    assert got == {
        ("Salt Brigade", "founded_on", None, None, "1998", "asserted"),
        ("Anwar Baseer", "founded", "Salt Brigade", None, "1998", "asserted"),
        ("Rustam Dilovar", "founded", "Salt Brigade", None, "1998", "asserted"),
        ("Yaqub Noori", "leader_of", "Yaqub Noori's group", "leader", "2015-03-06", "asserted"),
        ("Yaqub Noori's group", "joined", "Salt Brigade", None, "2015-03-06", "asserted"),
        ("Sarak Front", "splinter_of", "Salt Brigade", None, "2015-39", "claimed"),
    }


def test_funding_shares_sources_and_backing():
    text = (
        "The Karvan Front is an armed group. It reportedly receives 50% of funding from the Salt Brigade, 30% from "
        "the Hawk Battalion, and 20% from the Azure Movement. The Azure Movement's funding sources included the "
        "Amber Charity Trust and the Sarif Council. Iran is a neighbour; the Iranian-backed Dovran Militia "
        "fought the Karvan Front."
    )
    got = facts(text)
    assert {(s, o, v) for s, r, o, v, _d, _c in got if r == "funded_by"} == {
        ("Karvan Front", "Salt Brigade", "50"),
        ("Karvan Front", "Hawk Battalion", "30"),
        ("Karvan Front", "Azure Movement", "20"),
        ("Azure Movement", "Amber Charity Trust", None),
        ("Azure Movement", "Sarif Council", None),
    }
    assert got == {
        ("Karvan Front", "funded_by", "Salt Brigade", "50", None, "reported"),
        ("Karvan Front", "funded_by", "Hawk Battalion", "30", None, "reported"),
        ("Karvan Front", "funded_by", "Azure Movement", "20", None, "reported"),
        ("Azure Movement", "funded_by", "Amber Charity Trust", None, None, "asserted"),
        ("Azure Movement", "funded_by", "Sarif Council", None, None, "asserted"),
        ("Dovran Militia", "supported_by", "Iran", None, None, "asserted"),
        ("Dovran Militia", "rival_of", "Karvan Front", None, None, "asserted"),
    }


def test_people_who_became_a_groups_emirs_and_named_commanders():
    text = (
        "Sheikh Darim Wazir and Qari Lutf Hamidi, who would become the Salt Brigade's first emirs of Ostrava "
        "Province. The group was led by Omid Rahman and a Salt Brigade commander named Pasha Gulzar."
    )
    got = facts(text)
    assert got == {
        ("Qari Lutf Hamidi", "leader_of", "Salt Brigade", "emir", None, "asserted"),
        ("Sheikh Darim Wazir", "leader_of", "Salt Brigade", "emir", None, "asserted"),
        ("Salt Brigade", "based_in", "Ostrava Province", None, None, "asserted"),
        ("Omid Rahman", "leader_of", "Salt Brigade", "leader", None, "asserted"),
        ("Pasha Gulzar", "leader_of", "Salt Brigade", "commander", None, "asserted"),
    }


def test_killings_by_strike_and_by_a_group_and_founding_from_the_act():
    text = (
        "On 9 February 2015, Mullah Rauf Sabir was killed in a U.S. drone strike in Kandara Province. "
        "The killing of commander Jamil Osmani by the Salt Brigade in November 2015 shocked the Karvan Front. "
        "Qari Nadir Wali formed the Tor Ghar Front in 2013. Formed in February 2015, the Rashid Ghani group "
        "operated in Kandara Province."
    )
    got = facts(text)
    assert got == {
        ("Mullah Rauf Sabir", "killed", "U.S.", None, "2015-02-09", "asserted"),
        ("Jamil Osmani", "killed", "Salt Brigade", None, "2015-11", "asserted"),
        ("Qari Nadir", "founded", "Tor Ghar Front", None, "2013", "asserted"),  # known miss: "Wali" read as a title
        ("Tor Ghar Front", "founded_on", None, None, "2013", "asserted"),
        ("Rashid Ghani group", "founded_on", None, None, "2015-02", "asserted"),
        ("Rashid Ghani group", "based_in", "Kandara Province", None, None, "asserted"),
    }


def test_allegiance_to_a_titled_leader_goes_to_the_person():
    text = "On 11 May 2013, the Salt Brigade swore allegiance to Karvan Front Emir Mullah Hadi Sarwari."
    got = facts(text)
    assert got == {
        ("Salt Brigade", "allegiance_to", "Mullah Hadi Sarwari", None, "2013-05-11", "asserted"),
        ("Mullah Hadi Sarwari", "leader_of", "Karvan Front", "emir", "2013-05-11", "asserted"),
    }


def test_with_a_person_as_its_wali():
    text = "In January 2015 the Salt Brigade announced the Ostrava Province with Hafiz Nadir Gul as Wali."
    assert facts(text) == {("Hafiz Nadir Gul", "leader_of", "Salt Brigade", "wali", "2015-01", "asserted")}


def test_a_country_abbreviation_is_not_the_pronoun_us():
    text = "Mullah Rauf Sabir led the group. Sabir was killed by US forces in June 2006. They told us nothing."
    assert facts(text) == {("Mullah Rauf Sabir", "killed", "US", None, "2006-06", "asserted")}


def test_an_opening_clause_does_not_lend_its_names_to_the_main_clause():
    text = (
        "Formed in March 2017, the Sarban Valley group emerged from the Eastern Hills Front. "
        "Led by Qari Tamim Wardak and an EHF commander named Mawlavi Zarif Naseri, the group initially "
        "comprised 450 members, with a presence in Nuristan and Pakistan. "
        "Primarily based in Kunar, Afghanistan, the group later moved its fighters north."
    )
    got = facts(text)
    assert got == {
        ("Sarban Valley group", "founded_on", None, None, "2017-03", "asserted"),
        ("Qari Tamim Wardak", "leader_of", "Sarban Valley group", "leader", None, "asserted"),
        ("Mawlavi Zarif Naseri", "leader_of", "Sarban Valley group", "leader", None, "asserted"),
        ("Mawlavi Zarif Naseri", "leader_of", "Eastern Hills Front", "commander", None, "asserted"),
        ("Sarban Valley group", "membership", None, "450", None, "asserted"),
        ("Sarban Valley group", "based_in", "Nuristan", None, None, "asserted"),
        ("Sarban Valley group", "based_in", "Pakistan", None, None, "asserted"),
        ("Sarban Valley group", "based_in", "Kunar", None, None, "asserted"),
        ("Sarban Valley group", "based_in", "Afghanistan", None, None, "asserted"),
    }
    assert not any(f[0] == "Eastern Hills Front" and f[1] in ("membership", "based_in") for f in got)


def test_a_un_listing_is_a_designation_by_the_security_council():
    text = (
        "The Kharan Valley Front (KVF) was listed on 3 March 2011 pursuant to paragraph 2 of resolution "
        "1904 (2009) as being associated with the Red Crescent Front, listed as Crescent Brigades (QDe.901)."
    )
    got = facts(text)
    assert got == {
        ("Kharan Valley Front", "designated", "United Nations Security Council", None, "2011-03-03", "asserted"),
        ("Red Crescent Front", "designated", "United Nations Security Council", None, None, "asserted"),
    }
    # a listing without a resolution is no UN designation
    assert not any(f[1] == "designated" for f in facts("The Kharan Valley Front was listed on 3 March 2011."))


def test_sources_casualties_frontiers_and_officials_are_not_the_group():
    text = (
        "According to the Lowland Policy Institute (LPI) and a spokesperson for the Dune Riders Front, the group "
        "was formed in 2014 in Lakeshire Province. The army announced that 54 insurgents had been killed in the "
        "fighting. The Dune Riders Front attacked posts along the Chad-Niger border and operate in Sunni-majority "
        "Tarkan and Veloran. On 2 May 2018, Mira Holt, the Kenyan secretary of the Frontier Affairs "
        "Council, said the Dune Riders Front had 1,200 fighters."
    )
    got = facts(text)
    assert got == {
        ("Dune Riders Front", "founded_on", None, None, "2014", "reported"),
        ("Dune Riders Front", "based_in", "Lakeshire Province", None, "2014", "reported"),
        ("Dune Riders Front", "based_in", "Tarkan", None, None, "asserted"),
        ("Dune Riders Front", "based_in", "Veloran", None, None, "asserted"),
        ("Mira Holt", "leader_of", "Frontier Affairs Council", "secretary", "2018-05-02", "asserted"),
        ("Dune Riders Front", "membership", None, "1200", "2018-05-02", "asserted"),
    }
    assert not any(f[0] == "Lowland Policy Institute" for f in got)
    assert not any(f[1] == "membership" and f[3] == "54" for f in got)  # the dead are no membership figure
    assert not any(f[1] == "rival_of" for f in got)  # a border is not an actor


def test_names_typed_by_their_parts_and_backers_named_with_backing():
    text = (
        "Karvan Front (with Ruritanian BDI backing) seized posts centred around Dasht-i Marwan near Helmand. "
        "The KLF Military Commission in Syria sent fighters to North Tarvistan. "
        "The Salt Brigade, with Iran's support, held Zahedan."
    )
    ext_names = {name: etype for name, etype, _aliases in entities(text)}
    assert ext_names["KLF Military Commission"] == "ORG"
    assert ext_names["Dasht-i Marwan"] == "PLACE"
    assert ext_names["North Tarvistan"] == "PLACE"
    got = facts(text)
    assert got == {
        ("Karvan Front", "supported_by", "Ruritanian BDI", None, None, "asserted"),
        ("Karvan Front", "based_in", "Dasht-i Marwan", None, None, "asserted"),
        ("Karvan Front", "based_in", "Helmand", None, None, "asserted"),
        ("KLF Military Commission", "based_in", "Syria", None, None, "asserted"),
        ("Salt Brigade", "supported_by", "Iran", None, None, "asserted"),
    }


def test_component_groups_named_by_apposition_part_of_and_such_as():
    text = (
        "The Salt Brigade, a key component group aligned with the Grand Emirate, joined in 2016. "
        "In 2017 the Iron Council was officially part of the Grand Emirate. "
        "Grand Emirate forces, such as the Ember Front and the Blue Valley Brigade, fought in Dovran Province. "
        "Kenyan factions, including the Amber Front, met in 2018."
    )
    got = facts(text)
    assert got == {
        ("Salt Brigade", "component_of", "Grand Emirate", None, "2016", "asserted"),
        ("Salt Brigade", "allied_with", "Grand Emirate", None, "2016", "asserted"),
        ("Iron Council", "component_of", "Grand Emirate", None, "2017", "asserted"),
        ("Ember Front", "component_of", "Grand Emirate", None, None, "asserted"),
        ("Blue Valley Brigade", "component_of", "Grand Emirate", None, None, "asserted"),
    }
    assert not any(f[0] == "Amber Front" and f[1] == "component_of" for f in got)


def test_dates_ranks_and_possessive_names_are_read_right():
    text = (
        "On 26 July Zarvan guerrillas attacked a police post. The People's Liberation Front (PLF) was founded "
        "in 1971. Workers' Party of Dovran members met in 1980. Corporal Teodor Vance was killed in 1975."
    )
    names = {name: etype for name, etype, _aliases in entities(text)}
    assert names.get("Zarvan") == "ORG" and "July Zarvan" not in names
    assert names["People's Liberation Front"] == "ORG" and "People" not in names
    assert names["Workers' Party of Dovran"] == "ORG"
    assert names["Teodor Vance"] == "PERSON"
    got = facts(text)
    assert got == {
        ("People's Liberation Front", "founded_on", None, None, "1971", "asserted"),
        ("Teodor Vance", "killed", None, None, "1975", "asserted"),
    }


def test_a_group_named_like_a_person_and_a_paragraph_that_goes_on_about_it():
    text = (
        'Abu Tarik (ATG) is a militant group in Zamboanga. The name comes from the Arabic abu ("father of").\n'
        "The group has been designated as a terrorist group by Canada, Japan and the Philippines. "
        "Talks with the Abu Tarik group (as he did with the Salt Brigade by offering autonomy) failed."
    )
    names = {name: (etype, aliases) for name, etype, aliases in entities(text)}
    assert names["Abu Tarik"][0] == "ORG"
    assert names["Abu Tarik"][1] == ["ATG", "Abu Tarik group"]  # no alias made of the remark
    got = facts(text)
    assert {f[2] for f in got if f[:2] == ("Abu Tarik", "designated")} == {"Canada", "Japan", "Philippines"}


def test_a_person_of_a_group_and_aliases_given_by_alias():
    text = (
        "Teodor Marek alias Mullah Kestrel of the Northern Shield Alliance lives in Norway. "
        "Abu Hamid Zarqan of KLF-Central arrived in 2015. Red Hawk brigade was created by the Northern Shield "
        "Alliance in 2009."
    )
    names = {name: (etype, aliases) for name, etype, aliases in entities(text)}
    assert ("PERSON", {"Teodor Marek", "Mullah Kestrel"}) in [(t, {n, *a}) for n, (t, a) in names.items()]
    assert names["Northern Shield Alliance"][0] == "ORG"
    assert names["Abu Hamid Zarqan"][0] == "PERSON" and names["KLF-Central"][0] == "ORG"
    assert facts(text) == {
        ("Red Hawk brigade", "founded_on", None, None, "2009", "asserted"),
        ("Northern Shield Alliance", "founded", "Red Hawk brigade", None, "2009", "asserted"),
    }


def test_scoped_claims_places_are_no_opponents_and_the_main_clause_founds():
    text = (
        "The Dovran Front is an armed group. "
        "Established on 13 July 2015, through the merger of Kenyan factions, including the Amber Front and "
        "the Salt Brigade, the group swiftly grew. Led by Qari Tamim Wardak, the group had a claimed "
        "membership of 245. Volunteers of the Iron Council were fighting in Syria."
    )
    got = facts(text)
    assert got == {
        ("Dovran Front", "founded_on", None, None, "2015-07-13", "asserted"),
        ("Amber Front", "merged_into", "Dovran Front", None, None, "asserted"),
        ("Salt Brigade", "merged_into", "Dovran Front", None, None, "asserted"),
        ("Amber Front", "component_of", "Dovran Front", None, None, "asserted"),
        ("Salt Brigade", "component_of", "Dovran Front", None, None, "asserted"),
        ("Qari Tamim Wardak", "leader_of", "Dovran Front", "leader", None, "asserted"),
        ("Dovran Front", "membership", None, "245", None, "claimed"),
    }
    assert not any(f[1] == "rival_of" for f in got)
    assert "Kenyan" not in {name for name, _t, _a in entities(text)}


def test_lists_with_translations_and_places_and_an_infinitives_subject():
    text = (
        "Among these groups are Sabil Front ('Front of the Path') in Iran, Kestrel Brigade "
        "('Soldiers of Light'), and Veloran Movement, each of whom established an alliance with the Iron "
        "Council. By 2016, the Salt Brigade had abandoned the Ember Front to form an alliance with the Iron "
        "Council."
    )
    got = facts(text)
    for group in ("Sabil Front", "Kestrel Brigade", "Veloran Movement"):
        assert any(f[:3] == (group, "allied_with", "Iron Council") for f in got), group
    assert got == {
        ("Sabil Front", "based_in", "Iran", None, None, "asserted"),
        ("Sabil Front", "allied_with", "Iron Council", None, None, "asserted"),
        ("Kestrel Brigade", "allied_with", "Iron Council", None, None, "asserted"),
        ("Veloran Movement", "allied_with", "Iron Council", None, None, "asserted"),
        ("Salt Brigade", "allied_with", "Iron Council", None, "2016", "asserted"),
    }
    assert not any(f[:3] == ("Ember Front", "allied_with", "Iron Council") for f in got)


def test_people_named_in_parts_possessive_groups_and_reference_marks():
    text = (
        "The Kharan Front was formed in 2001[4] [5] by Islamic ideologue Tamer Vashti and former officer "
        "Ilyas Dorn. Mullah Sadiq Noor led Sadiq Noor's group in Helmand.\n"
        "Mullah Abdul Zarif later joined the Kharan Front. Abdul Zarif Hotak was killed in 2015. "
        "Zarif had commanded 300 men."
    )
    got = facts(text)
    assert got == {
        ("Kharan Front", "founded_on", None, None, "2001", "asserted"),
        ("Tamer Vashti", "founded", "Kharan Front", None, "2001", "asserted"),
        ("Ilyas Dorn", "founded", "Kharan Front", None, "2001", "asserted"),
        ("Mullah Sadiq Noor", "leader_of", "Sadiq Noor's group", "leader", None, "asserted"),
        ("Sadiq Noor's group", "based_in", "Helmand", None, None, "asserted"),
        ("Mullah Abdul Zarif", "joined", "Kharan Front", None, None, "asserted"),
        ("Mullah Abdul Zarif", "killed", None, None, "2015", "asserted"),
    }
    people = [(name, aliases) for name, etype, aliases in entities(text) if etype == "PERSON" and "Zarif" in name]
    assert len(people) == 1 and {"Abdul Zarif Hotak", "Zarif"} <= {people[0][0], *people[0][1]}


def test_a_successor_takes_the_predecessors_group_and_led_by_later():
    text = (
        "The Kharan Front was led by Mullah Sadiq Noor. Sadiq Noor was killed in May 2016 and was succeeded "
        "by Qari Javed Hamid. Led by Tamer Vashti and later Ilyas Dorn, the Salt Brigade grew."
    )
    got = facts(text)
    assert got == {
        ("Mullah Sadiq Noor", "leader_of", "Kharan Front", "leader", None, "asserted"),
        ("Mullah Sadiq Noor", "killed", None, None, "2016-05", "asserted"),
        ("Qari Javed Hamid", "successor_of", "Mullah Sadiq Noor", None, "2016-05", "asserted"),
        ("Qari Javed Hamid", "leader_of", "Kharan Front", "leader", "2016-05", "asserted"),
        ("Tamer Vashti", "leader_of", "Salt Brigade", "leader", None, "asserted"),
        ("Ilyas Dorn", "leader_of", "Salt Brigade", "leader", None, "asserted"),
        ("Ilyas Dorn", "successor_of", "Tamer Vashti", None, None, "asserted"),
    }


def test_fighting_alongside_is_no_rivalry_and_a_place_list_is_no_pair():
    text = (
        "The Salt Brigade gained experience fighting alongside the Iron Council in Syria. "
        "The Ember Front fought against the Grey Wolves Front in 2012. These units were later brought back "
        "to Afghanistan and Pakistan, unlike groups fighting in Syria."
    )
    got = facts(text)
    assert got == {
        ("Salt Brigade", "allied_with", "Iron Council", None, None, "asserted"),
        ("Iron Council", "based_in", "Syria", None, None, "asserted"),
        ("Ember Front", "rival_of", "Grey Wolves Front", None, "2012", "asserted"),
    }
    assert [f for f in got if f[1] == "rival_of"] == [
        ("Ember Front", "rival_of", "Grey Wolves Front", None, "2012", "asserted")
    ]


def test_a_groups_fighters_are_the_group():
    text = (
        "Marek was killed, while many of the KLF's remaining fighters escaped with remnants of the Salt "
        "Brigade to Tarvistan Province."
    )
    got = facts(text)
    assert got == {
        ("KLF", "based_in", "Tarvistan Province", None, None, "asserted"),
    }
    assert not any("fighters" in name for name, _t, _a in entities(text))


def test_common_words_joined_under_one_name_and_places_listed_together():
    text = (
        "On 9 November 2017, Tarin Vell, the Kenyan secretary of the Immigration and Population Department, "
        "said the Dune Riders Front operates in Sunni-majority Tarkan and Velorak. "
        "The merger of the Salt Brigade in Dovran Province and Ahrar-ul-Zarb followed."
    )
    got = facts(text)
    assert got == {
        ("Tarin Vell", "leader_of", "Immigration and Population Department", "secretary", "2017-11-09", "asserted"),
        ("Dune Riders Front", "based_in", "Tarkan", None, "2017-11-09", "asserted"),
        ("Dune Riders Front", "based_in", "Velorak", None, "2017-11-09", "asserted"),
        ("Salt Brigade", "based_in", "Dovran Province", None, None, "asserted"),
    }
    assert {name: t for name, t, _a in entities(text)}.get("Ahrar-ul-Zarb") != "PLACE"


def test_splinters_formed_by_breaking_away_and_funding_to_set_up_the_organization():
    text = (
        "The Kharan Front was founded in 1998. Salt Council leaders encouraged the formation of the Kharan "
        "Front and Ilyas Dorn (deceased) supplied most of the funding to set up the organization. "
        "A group of Kharan Front fighters broke away from the organization to form the Iron Brigade."
    )
    got = facts(text)
    assert got == {
        ("Kharan Front", "founded_on", None, None, "1998", "asserted"),
        ("Kharan Front", "supported_by", "Salt Council", None, None, "asserted"),
        ("Ilyas Dorn", "killed", None, None, None, "asserted"),
        ("Kharan Front", "funded_by", "Ilyas Dorn", None, None, "asserted"),
        ("Iron Brigade", "splinter_of", "Kharan Front", None, None, "asserted"),
    }
    assert not any(f[:3] == ("Kharan Front", "funded_by", "Salt Council") for f in got)
    assert not any(f[:2] == ("Kharan Front", "splinter_of") for f in got)


def test_a_groups_part_named_by_its_place_and_merged_with_another():
    text = (
        "The Kharan Front (KF) is an armed group. The Salt Brigade was formed in 2014 after a merger of KF's "
        "faction in Dovran Province and Ahrar-ul-Zarb."
    )
    got = facts(text)
    assert got == {
        ("Salt Brigade", "founded_on", None, None, "2014", "asserted"),
        ("KF's faction in Dovran Province", "merged_into", "Salt Brigade", None, "2014", "asserted"),
        ("Ahrar-ul-Zarb", "merged_into", "Salt Brigade", None, "2014", "asserted"),
        ("KF's faction in Dovran Province", "component_of", "Salt Brigade", None, "2014", "asserted"),  # known wrong
        ("Ahrar-ul-Zarb", "component_of", "Salt Brigade", None, "2014", "asserted"),
        ("KF's faction in Dovran Province", "component_of", "Kharan Front", None, "2014", "asserted"),
        ("KF's faction in Dovran Province", "based_in", "Dovran Province", None, "2014", "asserted"),
    }


def test_founders_after_a_date_ceasefires_reached_between_and_former_loyalty():
    text = (
        "The Kharan Front was a militant group formed in 1998[4] [5] by Islamic ideologue Tamer Vashti and "
        "former Soviet paratrooper Ilyas Dorn. Salt Brigade leader and founder Mullah Omar Vell died in 2013. "
        "In Kunar, a ceasefire was reached in the summer of 2016 between the Kharan Front and the Salt Brigade. "
        "The Iron Council, formerly loyal to the Salt Brigade, fought the Ember Front."
    )
    got = facts(text)
    assert got == {
        ("Tamer Vashti", "founded", "Kharan Front", None, "1998", "asserted"),
        ("Ilyas Dorn", "founded", "Kharan Front", None, "1998", "asserted"),
        ("Kharan Front", "founded_on", None, None, "1998", "asserted"),
        ("Mullah Omar Vell", "leader_of", "Salt Brigade", "leader", "2013", "asserted"),
        ("Mullah Omar Vell", "founded", "Salt Brigade", None, None, "asserted"),  # 2013 is his death's date
        ("Mullah Omar Vell", "killed", None, None, "2013", "asserted"),
        ("Kharan Front", "ceasefire_with", "Salt Brigade", None, "2016-22", "asserted"),
        ("Iron Council", "allegiance_to", "Salt Brigade", None, None, "asserted"),
        ("Iron Council", "rival_of", "Ember Front", None, None, "asserted"),
    }


def test_a_states_air_force_is_not_the_group():
    text = (
        "The Ember Front is an armed group.\n"
        "Following new rules, the U.S. Air Force began strikes against Ember Front targets. In 2016, the group "
        "lost control of its territory in Dovran Province."
    )
    got = facts(text)
    assert not any(f[0] == "U.S. Air Force" and f[1] == "based_in" for f in got)
    assert got == {
        ("Ember Front", "based_in", "Dovran Province", None, "2016", "asserted"),
    }


def test_places_inside_a_list_of_opponents():
    text = (
        "The Kharan Front then focused on fighting the Dovran Forces in the Tribal Areas, and the Salt "
        "Brigade and the Iron Council in northern Tarvistan. It fought alongside the Ember Front in Iraq "
        "and Syria."
    )
    got = facts(text)
    assert {f[2] for f in got if f[:2] == ("Kharan Front", "rival_of")} == {
        "Dovran Forces",
        "Salt Brigade",
        "Iron Council",
    }
    assert {f[2] for f in got if f[:2] == ("Kharan Front", "allied_with")} == {"Ember Front"}


def test_a_source_that_reports_and_unnamed_others_are_not_subjects():
    text = (
        "In April 2016, the Salt Brigade reported that the Ember Front had pledged allegiance to "
        "the Iron Council. It remains unclear whether others opted to remain loyal to the Grey Wolves Front."
    )
    got = facts(text)
    assert got == {
        ("Ember Front", "allegiance_to", "Iron Council", None, "2016-04", "reported"),
    }
    assert not any(f[0] == "Salt Brigade" and f[1] == "allegiance_to" for f in got)
    assert not any(f[2] == "Grey Wolves Front" for f in got)


def test_appointments_titles_of_countries_and_a_group_named_after_its_leader():
    text = (
        "On 3 April 2014, the council appointed Qari Wali Zarif, an Afghan from Baghlan, to be the Iron "
        "Council's special representative for the east. Its aim was to overthrow President Tamer Vashti of "
        "Kenya. Hezb-e Zarif ('Party of Zarif') Ghulam (HZG) is an armed group founded by warlord Ghulam "
        "Zarifi."
    )
    got = facts(text)
    assert got == {
        ("Qari Wali Zarif", "leader_of", "Iron Council", "representative", "2014-04-03", "asserted"),
        ("Tamer Vashti", "leader_of", "Kenya", "president", None, "asserted"),
        # the gloss interrupts one name: HZG spells Hezb-e Zarif Ghulam, not "Ghulam"
        ("Ghulam Zarifi", "founded", "Hezb-e Zarif Ghulam", None, None, "asserted"),
    }
    people = {name for name, etype, _a in entities(text) if etype == "PERSON"}
    assert {"Qari Wali Zarif", "Tamer Vashti", "Ghulam Zarifi"} <= people
    assert ("Hezb-e Zarif Ghulam", "ORG", ["HZG", "Hezb-e Zarif", "Party of Zarif"]) in entities(text)


def test_splinter_groups_such_as_and_a_faction_of_a_group():
    text = (
        "The Kharan Front (KF) fractured in 2014. Others formed splinter groups such as Jamaat-al-Zarb and "
        "the Vashti faction of the KF."
    )
    got = facts(text)
    assert got == {
        ("Jamaat-al-Zarb", "splinter_of", "Kharan Front", None, None, "asserted"),
        ("Vashti faction of the KF", "splinter_of", "Kharan Front", None, None, "asserted"),
        ("Vashti faction of the KF", "component_of", "Kharan Front", None, None, "asserted"),
    }


def test_names_sharing_a_plural_place_head():
    text = (
        "The Kharan Front is an armed group. In 2016 it was driven out of Zarin and Tolak Districts. In 2017 "
        "it was driven out of Marwan and Dasht districts."
    )
    got = facts(text)
    assert {f[2] for f in got if f[:2] == ("Kharan Front", "based_in")} == {"Zarin", "Tolak", "Marwan", "Dasht"}
    assert {name: t for name, t, _a in entities(text)}["Tolak"] == "PLACE"


def test_a_sentence_opening_in_a_place_places_its_group_there():
    got = facts(
        "In regions like northern Somalia, the Kharan Front grew. In 2015, the Salt Brigade fought. "
        "In Kenya, the Iron Council recruited."
    )
    assert got == {
        ("Kharan Front", "based_in", "northern Somalia", None, None, "asserted"),
        ("Iron Council", "based_in", "Kenya", None, None, "asserted"),
    }
    assert not any(f[0] == "Salt Brigade" for f in got)


def test_numbers_and_plural_abbreviations_are_no_names():
    names = {
        name
        for name, _t, _a in entities(
            "The Kharan Front (KF) used IEDs and RPGs. Seventy-three Kharan Front members were arrested."
        )
    }
    assert names == {"Kharan Front"}


def test_a_determiner_or_connective_opening_a_sentence_is_no_part_of_the_name_after_it():
    names = {
        name
        for name, _t, _a in entities(
            "Another Kharan Front commander was arrested. Like Hamid Tal, Omar Dost fled. Yet Omar Dost returned. "
            "Neither Salt Brigade nor Kharan Front fighters stayed."
        )
    }
    assert names == {"Kharan Front", "Hamid Tal", "Omar Dost", "Salt Brigade"}


def test_a_new_paragraph_about_the_group_speaks_of_the_articles_group():
    text = (
        "The Kharan Front is an armed group based in Helmand.\n"
        "The Salt Brigade clashed with the Kharan Front in 2015.\n"
        "In 2016, the group lost control of its territory in Zabul. It was driven out of Dovran Province. "
        "Mehmud Zarif and later Qari Wali Zarif led the Salt Brigade."
    )
    got = facts(text)
    assert got == {
        ("Kharan Front", "based_in", "Helmand", None, None, "asserted"),
        ("Salt Brigade", "rival_of", "Kharan Front", None, "2015", "asserted"),
        ("Kharan Front", "based_in", "Zabul", None, "2016", "asserted"),
        ("Kharan Front", "based_in", "Dovran Province", None, None, "asserted"),
        ("Qari Wali Zarif", "leader_of", "Salt Brigade", "leader", None, "asserted"),
    }
    assert not any(f[:2] == ("Salt Brigade", "based_in") for f in got)
    people = {name for name, t, _a in entities(text) if t == "PERSON"}
    assert {"Mehmud Zarif", "Qari Wali Zarif"} <= people  # two people, not one "Zarif"


def test_roles_in_parentheses_along_a_list_of_leaders():
    got = facts(
        "Mullah Tamer Vashti (emir of the Kharan Front), Ilyas Dorn (deputy emir), and Omar Vell (senior "
        "commander in Zabul) met."
    )
    assert got == {
        ("Mullah Tamer Vashti", "leader_of", "Kharan Front", "emir", None, "asserted"),
        ("Ilyas Dorn", "leader_of", "Kharan Front", "deputy emir", None, "asserted"),
        ("Omar Vell", "leader_of", "Kharan Front", "commander", None, "asserted"),
        ("Kharan Front", "based_in", "Zabul", None, None, "asserted"),
    }


def test_membership_goes_to_the_clause_subject_not_an_ally_or_an_opening():
    text = (
        "The Salt Brigade is an armed group.\n"
        "The Amber Front, a component group aligned with the Salt Brigade, joined in 2015, bringing nearly 700 "
        "members. With a claimed membership of 400 individuals, the Iron Council grew."
    )
    got = facts(text)
    assert got == {
        ("Amber Front", "component_of", "Salt Brigade", None, "2015", "asserted"),
        ("Amber Front", "allied_with", "Salt Brigade", None, "2015", "asserted"),
        ("Amber Front", "membership", None, "700", "2015", "asserted"),
        ("Iron Council", "membership", None, "400", None, "claimed"),
    }
    assert not any(f[0] == "Salt Brigade" and f[1] == "membership" for f in got)


def test_chained_participles_and_compass_regions():
    text = (
        "The Kharan Front is an armed group.\n"
        "Initially formed as a network within the Salt Brigade, centered around Dasht-i Marwan near Kunduz, "
        "the group grew. It fought in northern Afghanistan and later moved to northeastern Afghanistan."
    )
    got = facts(text)
    assert got == {
        ("Kharan Front", "component_of", "Salt Brigade", None, None, "asserted"),
        ("Kharan Front", "based_in", "Dasht-i Marwan", None, None, "asserted"),
        ("Kharan Front", "based_in", "Kunduz", None, None, "asserted"),
        ("Kharan Front", "based_in", "northeastern Afghanistan", None, None, "asserted"),
    }
    assert not any(f[:2] == ("Salt Brigade", "based_in") for f in got)
    places = {name for name, t, _a in entities(text) if t == "PLACE"}
    assert {"northern Afghanistan", "northeastern Afghanistan"} <= places


def test_a_possessive_governs_every_part_and_a_one_letter_slip_is_the_same_group():
    text = (
        "The Zarqan Movement's Quetta Council and leadership council (Rahim Council) refused, while the "
        "Zarqn Movement's Dovran Council and semi-autonomous Miran Council (better known as the Tolak "
        "network) agreed. The Kestrel Brigade, a madrasa affiliated with the Jamia Noor, agreed."
    )
    assert facts(text) == {
        ("Quetta Council", "component_of", "Zarqan Movement", None, None, "asserted"),
        ("Rahim Council", "component_of", "Zarqan Movement", None, None, "asserted"),
        ("Dovran Council", "component_of", "Zarqan Movement", None, None, "asserted"),
        ("Miran Council", "component_of", "Zarqan Movement", None, None, "asserted"),
        ("Kestrel Brigade", "allied_with", "Jamia Noor", None, None, "asserted"),
    }
    assert {name: t for name, t, _a in entities(text)}["Jamia Noor"] == "ORG"


def test_an_apposition_types_the_name_and_is_skipped_for_the_subject():
    text = (
        "Mullah Kamar's group, a faction led by a former Vashti Front commander from the Dorn tribe, emerged "
        "in early 2016 and later joined the Tarik Front. The influence of the Tarik Front grew, a notable "
        "example being the 'Saut-al Zarin,' a splinter group of Hizb-ul Kamar operating in Dovran. Although "
        "declaring allegiance to the Tarik Front, this group remained distinct."
    )
    got = facts(text)
    assert got == {
        ("Mullah Kamar", "leader_of", "Mullah Kamar's group", "leader", "2016-37", "asserted"),
        ("Mullah Kamar's group", "founded_on", None, None, "2016-37", "asserted"),
        ("Mullah Kamar's group", "joined", "Tarik Front", None, "2016-37", "asserted"),
        ("Saut-al Zarin", "splinter_of", "Hizb-ul Kamar", None, None, "asserted"),
        ("Saut-al Zarin", "based_in", "Dovran", None, None, "asserted"),
        ("Saut-al Zarin", "allegiance_to", "Tarik Front", None, None, "asserted"),
    }
    assert not [f for f in got if f[0] == "Vashti Front"]  # the apposition's group is not the subject
    assert "Dorn" not in [e[0] for e in entities(text)]  # a tribe the text describes is not a name
    assert {f for f in got if f[0] == "Saut-al Zarin"} == {
        ("Saut-al Zarin", "splinter_of", "Hizb-ul Kamar", None, None, "asserted"),
        ("Saut-al Zarin", "based_in", "Dovran", None, None, "asserted"),
        ("Saut-al Zarin", "allegiance_to", "Tarik Front", None, None, "asserted"),  # "this group"
    }


def test_country_pairs_province_names_and_helpers_located_where_they_help():
    text = (
        "The Islamic Caliphate – Dovran Province (ICDP) grew in the Kenya-Tanzania region. Dovran Province "
        "also developed a presence in other provinces including Helmand and Farah. ICDP forces, such as the "
        "Zarin Brigade and the Kamar group, supported Tarik Front operations in Takhar and Kunduz."
    )
    assert facts(text) == {
        ("Islamic Caliphate – Dovran Province", "based_in", "Helmand", None, None, "asserted"),
        ("Islamic Caliphate – Dovran Province", "based_in", "Farah", None, None, "asserted"),
        ("Zarin Brigade", "based_in", "Takhar", None, None, "asserted"),
        ("Zarin Brigade", "based_in", "Kunduz", None, None, "asserted"),
        ("Kamar group", "based_in", "Takhar", None, None, "asserted"),
        ("Kamar group", "based_in", "Kunduz", None, None, "asserted"),
        ("Zarin Brigade", "component_of", "Islamic Caliphate – Dovran Province", None, None, "asserted"),
        ("Kamar group", "component_of", "Islamic Caliphate – Dovran Province", None, None, "asserted"),
        ("Tarik Front", "supported_by", "Zarin Brigade", None, None, "asserted"),
        ("Tarik Front", "supported_by", "Kamar group", None, None, "asserted"),
    }
    names = [e[0] for e in entities(text)]
    assert "Kenya" in names and "Tanzania" in names and "Kenya-Tanzania" not in names


def test_wider_places_named_governments_and_backing_away_from_the_group():
    text = (
        "The Kamar Front had 80 members stationed at headquarters in Doha, North Waziristan, Nawa in Ghazni, "
        "and the UAE. Mullah Dorn led the Kamar Front and grew his organization to 1,400 by January 2015. "
        "In 2003, the Tarik Republic overthrew the Ba’athist government of Iraq and its leader, Saddam Vashti. "
        "The Zarin Front is an Afghan organization that fought against the Soviets in Afghanistan and later, "
        "(with Pakistani ISI backing), bombed Kabul. The Dorn Front has a notable presence in Baluchistan."
    )
    got = facts(text)
    assert {f[2] for f in got if f[:2] == ("Kamar Front", "based_in")} == {
        "Doha",
        "North Waziristan",
        "Nawa",
        "Ghazni",
        "UAE",
    }
    assert got == {
        ("Kamar Front", "membership", None, "80", None, "asserted"),
        ("Kamar Front", "based_in", "Doha", None, None, "asserted"),
        ("Kamar Front", "based_in", "North Waziristan", None, None, "asserted"),
        ("Kamar Front", "based_in", "Nawa", None, None, "asserted"),
        ("Kamar Front", "based_in", "Ghazni", None, None, "asserted"),
        ("Kamar Front", "based_in", "UAE", None, None, "asserted"),
        ("Mullah Dorn", "leader_of", "Kamar Front", "leader", "2015-01", "asserted"),
        ("Kamar Front", "membership", None, "1400", "2015-01", "asserted"),
        ("Tarik Republic", "rival_of", "Ba’athist government of Iraq", None, "2003", "asserted"),
        ("Saddam Vashti", "leader_of", "Ba’athist government of Iraq", "leader", "2003", "asserted"),
        ("Zarin Front", "based_in", "Afghanistan", None, None, "asserted"),
        ("Zarin Front", "rival_of", "Soviets", None, None, "asserted"),
        ("Zarin Front", "supported_by", "Pakistani ISI", None, None, "asserted"),
        ("Dorn Front", "based_in", "Baluchistan", None, None, "asserted"),
    }
    assert not [f for f in got if f[0] == "Soviets" and f[1] == "based_in"]  # fought there, not based there
    assert ("Baluchistan", "PLACE", []) in entities(text)


def test_private_donors_participle_subjects_asides_and_organs():
    text = (
        "The Kamar Front would officially join the Tarik Front on 6 March 2015, growing significantly thanks "
        "to ample funding from private Saudi donors. The Zarin Front received funds from private donors in "
        "Saudi Arabia, the Kamar Front, and the Dorn Front. The Dorn Front (backed by Qatar and Kuwait as part "
        "of a wider coalition) launched attacks against the Tarik Front. The Vashti Front (VF) grew, and the VF "
        "Military Commission operated in Syria."
    )
    got = facts(text)
    assert got == {
        ("Kamar Front", "joined", "Tarik Front", None, "2015-03-06", "asserted"),
        ("Kamar Front", "funded_by", "private donors in Saudi Arabia", None, "2015-03-06", "asserted"),
        ("Zarin Front", "funded_by", "private donors in Saudi Arabia", None, None, "asserted"),
        ("Zarin Front", "funded_by", "Kamar Front", None, None, "asserted"),
        ("Zarin Front", "funded_by", "Dorn Front", None, None, "asserted"),
        ("Dorn Front", "supported_by", "Qatar", None, None, "asserted"),
        ("Dorn Front", "supported_by", "Kuwait", None, None, "asserted"),
        ("Dorn Front", "rival_of", "Tarik Front", None, None, "asserted"),
        ("VF Military Commission", "component_of", "Vashti Front", None, None, "asserted"),
        ("VF Military Commission", "based_in", "Syria", None, None, "asserted"),
    }
    # the participle's subject is the main clause's, not the object before it
    assert not [f for f in got if f[0] == "Tarik Front" and f[1] == "funded_by"]
    # three spellings of one donor network, never the state itself; a list goes on past "in Saudi Arabia"
    assert {f[2] for f in got if f[:2] == ("Zarin Front", "funded_by")} == {
        "private donors in Saudi Arabia",
        "Kamar Front",
        "Dorn Front",
    }
    # an aside in brackets is not the verb's subject
    assert not [f for f in got if f[0] in ("Qatar", "Kuwait") and f[1] == "rival_of"]


def test_negation_some_of_its_people_and_a_participle_trigger():
    text = (
        "The Dorn Movement (DM) is a subgroup within the Vashti Front (VF), not based in Turkmenistan (as its "
        "name suggests). In April 2016, the Kamar Front reported that a number of senior leaders of the Dorn "
        "Movement had defected and pledged allegiance to the Zarin Army. A minority group of VF fighters opted "
        "to maintain their allegiance to the Tarik Army. In 1996, the Zarin Army seized Kabul, formally "
        "expelling the Vashti Front from the country while most of its members defected to the Tarik Army."
    )
    got = facts(text)
    assert not [f for f in got if f[1] == "based_in" and f[0] == "Dorn Movement"]  # "not based in"
    assert not [f for f in got if f[1] in ("allegiance_to", "joined")]  # some of a group's people, unnamed
    assert got == {
        ("Dorn Movement", "component_of", "Vashti Front", None, None, "asserted"),
        ("Zarin Army", "based_in", "Kabul", None, "1996", "asserted"),
        ("Zarin Army", "rival_of", "Vashti Front", None, "1996", "asserted"),
    }


def test_a_bracketed_list_names_members_and_a_government_named_after_its_leader():
    text = (
        "After the election, the Quartet (the Tarik Republic, Kenya, the Union of States, and the Northern "
        "League) stated that assistance would continue. In September 2016, the Zarin Front signed a peace "
        "deal with the Vashti government in Kabul."
    )
    ents = {e[0]: e[2] for e in entities(text)}
    assert ents["Quartet"] == []  # its members are not its names
    assert "Tarik Republic" in ents and "Northern League" in ents
    got = facts(text)
    assert got == {
        ("Zarin Front", "ceasefire_with", "Vashti government", None, "2016-09", "asserted"),
        ("Vashti government", "based_in", "Kabul", None, "2016-09", "asserted"),
    }


def test_relative_clauses_lists_before_led_by_counted_victims_and_avoided_conflict():
    text = (
        "Many of the fighters who later joined the Tarik Army fought alongside the Dorn Front. The Kamar Front, "
        "which joined the Vashti Front in 2014, fought alongside the Zarin Brigade. In 2012, the Salt Brigade "
        "and the Iron Party led by Abu Tamer held a protest. In 1981 the Vashti Front killed 7 Dorn villagers. "
        "Between 85 and 200 members of the Iron Party were killed in 1934. The Salt Brigade withdrew, probably "
        "to avoid conflict with the Kamar Front. In 1973 a coup was backed by the Iron Party, and the Republic "
        "of Tarik was established."
    )
    got = facts(text)
    assert not [f for f in got if f[0] == "Tarik Army"]  # the object of a relative clause is not the subject
    assert got == {
        ("Kamar Front", "joined", "Vashti Front", None, "2014", "asserted"),
        ("Kamar Front", "allied_with", "Zarin Brigade", None, "2014", "asserted"),
        ("Abu Tamer", "leader_of", "Iron Party", "leader", "2012", "asserted"),
        ("Republic of Tarik", "founded_on", None, None, "1973", "asserted"),
    }
    assert {f[2] for f in got if f[:2] == ("Abu Tamer", "leader_of")} == {"Iron Party"}
    assert not [f for f in got if f[1] in ("killed", "membership")]  # victims counted, members killed
    assert not [f for f in got if f[1] == "rival_of"]  # a conflict avoided
    assert {f[0] for f in got if f[1] == "founded_on"} == {"Republic of Tarik"}


def test_a_place_belongs_to_the_people_or_groups_the_noun_names():
    text = (
        "In 2012 the Dorn Front expressed its solidarity with Kamar Army affiliates in Kenya and Yemen. "
        "The Tarik Front has cooperated with other listed militant groups operating in Somalia. "
        "The Vashti Front had around seventy members present in Zabul Province. Kamar Brigade (Zarin "
        "Battalion) were resistance fighters in East Africa. Khalil was linked to Abu Dorn (deceased) and "
        "signed a decree in February 1998."
    )
    got = facts(text)
    assert {(f[0], f[2]) for f in got if f[1] == "based_in"} == {
        ("Kamar Army", "Kenya"),
        ("Kamar Army", "Yemen"),
        ("Vashti Front", "Zabul Province"),
        ("Kamar Brigade", "East Africa"),
    }
    assert not [f for f in got if f[0] == "Tarik Front"]  # the groups operating in Somalia are not named
    assert got == {
        ("Kamar Army", "based_in", "Kenya", None, "2012", "asserted"),
        ("Kamar Army", "based_in", "Yemen", None, "2012", "asserted"),
        ("Vashti Front", "based_in", "Zabul Province", None, None, "asserted"),
        ("Kamar Brigade", "based_in", "East Africa", None, None, "asserted"),
        ("Abu Dorn", "killed", None, None, None, "asserted"),
    }


def test_attacks_locate_a_group_in_a_country_and_funders_are_not_founders():
    text = (
        "The Dorn Front also claimed responsibility for multiple attacks in Kenya in the spring of 2008. "
        "The Vashti Front was responsible for explosions in Bishkek, Kyrgyzstan, in December 2002. "
        "Kamar leaders encouraged the formation of the Tarik Front and Abu Zarin supplied most of the funding "
        "to set up the organization. Abu Tamer is one of the leaders of the Iron Council. The Salt Brigade has "
        "been linked to the killing of the Iron Council representative."
    )
    got = facts(text)
    assert got == {
        ("Dorn Front", "based_in", "Kenya", None, "2008-21", "claimed"),
        ("Vashti Front", "based_in", "Kyrgyzstan", None, "2002-12", "asserted"),
        ("Tarik Front", "supported_by", "Kamar", None, None, "asserted"),
        ("Vashti Front", "funded_by", "Abu Zarin", None, None, "asserted"),
        ("Abu Tamer", "leader_of", "Iron Council", "leader", None, "asserted"),
    }
    # the town an attack struck is not where the group is based; the country is
    assert {f[2] for f in got if f[:2] == ("Vashti Front", "based_in")} == {"Kyrgyzstan"}
    assert not [f for f in got if f[1] == "founded"]
    assert not [f for f in got if f[0] == "Salt Brigade"]


def test_common_nouns_with_relative_clauses_and_districts_of_countries():
    text = (
        "In 2012, Kamar Front fighters took over villages in the Al-Zarin District of Syria. The Kamar Front "
        "receives political support from Syria, although it does not extend these values to groups who have "
        "relations with Israel. It is composed of 5 Dorn Front factions which mainly operated in the Daraa "
        "Governorate."
    )
    assert ("Al-Zarin District of Syria", "PLACE", []) in entities(text)
    assert ("Syria", "PLACE", []) in entities(text)  # a country never shortens a longer name
    got = facts(text)
    assert got == {
        ("Kamar Front", "supported_by", "Syria", None, None, "asserted"),
        ("Dorn Front", "component_of", "Kamar Front", None, None, "asserted"),
        ("Dorn Front", "based_in", "Daraa Governorate", None, None, "asserted"),
    }
    assert not [f for f in got if f[2] == "Israel"]


def test_a_founding_date_stands_when_the_founder_is_not_a_person_name():
    # "Kenya" is a place, so it cannot be the founder; the party was still founded in 1930
    got = facts("In 1930, Kenya founded the Communist Party of Zarin by unifying three movements.")
    assert got == {("Communist Party of Zarin", "founded_on", None, None, "1930", "asserted")}


def test_membership_of_a_part_and_people_the_sentence_does_not_name():
    text = (
        "Abu Dorn led the Vashti Front. Though he was a senior former cadre of the Kamar Front's Dorn Shura, "
        "Abu Dorn fell out of favour. Mullah Tamer recruited primarily from members of the Zarin Shura. "
        "Hafiz Kamar agreed to assemble 143 volunteer fighters for the Tarik Army."
    )
    got = facts(text)
    assert got == {
        ("Abu Dorn", "leader_of", "Vashti Front", "leader", None, "asserted"),
        ("Abu Dorn", "member_of", "Dorn Shura", None, None, "asserted"),
        ("Dorn Shura", "component_of", "Kamar Front", None, None, "asserted"),
        ("Tarik Army", "membership", None, "143", None, "asserted"),
    }
    assert not [f for f in got if f[0] == "Abu Dorn" and f[1] == "component_of"]
    assert {f for f in got if f[1] == "member_of"} == {("Abu Dorn", "member_of", "Dorn Shura", None, None, "asserted")}


def test_coalitions_their_blocs_coordination_captures_and_negated_clauses():
    text = (
        "The Dorn Operations Room is a rebel coalition formed in April 2016. It closely coordinates with the "
        'Kamar Army. The Dorn Operations Room consists of 3 military "blocs": the Victory Bloc, the Sultan '
        "Zarin Bloc, and the Levant Bloc. In October 2016 the coalition captured several villages from the "
        "Tarik Front. On 7 June 2017, a unit in the Dorn Operations Room defected to the Vashti Forces. In July "
        "2017, the commander of the Levant Bloc, Abu Tamer, declared that the group would not participate in a "
        "planned Turkish-led offensive against the Vashti Forces. The Kamar Army took Abu Dorn away from the "
        "Salt Police. The Vashti Forces' armed wing comprises 1,000 full-time Kamar Army members."
    )
    got = facts(text)
    assert {f[0] for f in got if f[1:3] == ("component_of", "Dorn Operations Room")} == {
        "Victory Bloc",
        "Sultan Zarin Bloc",
        "Levant Bloc",
    }  # a title inside a group's name stays in it
    assert got == {
        ("Dorn Operations Room", "founded_on", None, None, "2016-04", "asserted"),
        ("Dorn Operations Room", "allied_with", "Kamar Army", None, None, "asserted"),
        ("Victory Bloc", "component_of", "Dorn Operations Room", None, None, "asserted"),
        ("Sultan Zarin Bloc", "component_of", "Dorn Operations Room", None, None, "asserted"),
        ("Levant Bloc", "component_of", "Dorn Operations Room", None, None, "asserted"),
        ("Dorn Operations Room", "rival_of", "Tarik Front", None, "2016-10", "asserted"),
        ("Abu Tamer", "leader_of", "Levant Bloc", "commander", "2017-07", "asserted"),
    }
    assert not [f for f in got if f[1] == "joined"]  # a unit of the coalition, not the coalition
    assert not [f for f in got if f[0] == "Abu Tamer" and f[2] == "Vashti Forces"]  # "Turkish-led"
    assert not [f for f in got if f[2] == "Vashti Forces" and f[1] == "rival_of"]  # would not participate
    assert not [f for f in got if f[2] == "Salt Police"]  # a person taken away, not territory
    assert not [f for f in got if f[1] == "component_of" and f[2] == "Kamar Army"]  # counted members


def test_the_subject_of_a_copula_operates_where_its_group_noun_does_and_weapons_are_not_groups():
    text = (
        "The Dorn Army is a prominent KLF rebel group operating in the Quneitra and Daraa governorates. "
        "It received TOW missiles from the Military Operations Center based in Jordan."
    )
    got = facts(text)
    assert {(f[0], f[2]) for f in got if f[1] == "based_in"} == {
        ("Dorn Army", "Quneitra"),
        ("Dorn Army", "Daraa"),
        ("Military Operations Center", "Jordan"),
    }
    assert "TOW" not in [e[0] for e in entities(text)]


def test_an_army_named_group_is_the_topic_and_a_coordinated_verb_keeps_the_clause_subject():
    text = (
        "The Free Dorn Army (Jaysh Dorn) is a rebel coalition affiliated with the Kamar Front.\n"
        "At its establishment on 19 September 2016, the coalition aims to prioritise fighting the Zarin "
        "government and coordinate with the Tarik Front. On 7 March 2019, Abu Vashti, a field commander of "
        "the Free Dorn Army, was killed by an IED in southern Kenya."
    )
    got = facts(text)
    assert got == {
        ("Free Dorn Army", "allied_with", "Kamar Front", None, None, "asserted"),
        ("Free Dorn Army", "founded_on", None, None, "2016-09-19", "asserted"),
        ("Free Dorn Army", "rival_of", "Zarin government", None, "2016-09-19", "asserted"),
        ("Free Dorn Army", "allied_with", "Tarik Front", None, "2016-09-19", "asserted"),
        ("Abu Vashti", "member_of", "Free Dorn Army", None, "2019-03-07", "asserted"),
        ("Abu Vashti", "killed", None, None, "2019-03-07", "asserted"),
    }
    assert not [f for f in got if f[0] == "Zarin government"]


def test_a_verb_without_object_and_a_country_after_its_province():
    got = facts("Abu Dorn trained at the Vashti Front (QDe.004) camp in Khost province, Afghanistan.")
    assert got == {
        ("Vashti Front", "based_in", "Khost", None, None, "asserted"),
        ("Vashti Front", "based_in", "Afghanistan", None, None, "asserted"),
    }


def test_encouraging_a_formation_and_supporting_goals_are_support():
    text = (
        "Vashti Front leaders encouraged the formation of the Kamar Army. In its public statements, the Dorn "
        "Front has also supported the goals of the Tarik Army."
    )
    got = facts(text)
    assert got == {
        ("Kamar Army", "supported_by", "Vashti Front", None, None, "asserted"),
        ("Tarik Army", "supported_by", "Dorn Front", None, None, "asserted"),
    }


def test_a_leaders_ties_and_backing_are_his_named_groups_and_his_surname_is_him():
    text = (
        "Mullah Kamar's group emerged in early 2016. Mullah Kamar maintained close ties with the Zarin Army "
        "and the Tarik Front (TF). In the backdrop of Kamar's reported support from Saudi Arabia and "
        "Pakistan, the group grew. Afghan government forces attacked the Zarin Army."
    )
    got = facts(text)
    assert {(f[1], f[2]) for f in got if f[0] == "Mullah Kamar's group"} >= {
        ("allied_with", "Zarin Army"),
        ("allied_with", "Tarik Front"),
        ("supported_by", "Saudi Arabia"),
        ("supported_by", "Pakistan"),
    }
    assert ("Kamar", "PERSON", []) not in entities(text)  # the surname is the mullah, not a place
    assert got == {
        ("Mullah Kamar", "leader_of", "Mullah Kamar's group", "leader", "2016-37", "asserted"),
        ("Mullah Kamar's group", "founded_on", None, None, "2016-37", "asserted"),
        ("Mullah Kamar's group", "allied_with", "Zarin Army", None, None, "asserted"),
        ("Mullah Kamar's group", "allied_with", "Tarik Front", None, None, "asserted"),
        ("Mullah Kamar's group", "supported_by", "Saudi Arabia", None, None, "reported"),
        ("Mullah Kamar's group", "supported_by", "Pakistan", None, None, "reported"),
        ("Afghan government forces", "rival_of", "Zarin Army", None, None, "asserted"),
    }


def test_a_misspelt_group_word_his_own_group_and_a_name_that_qualifies():
    text = (
        "Mullah Dorn formed the Khilafat Zarin in 2013. Abu Kamar's group grew. Having left the TKK, Abu Kamar "
        "joined Khliafat Zarin. Abu Kamar would later leave the Khilafat Zarin to establish his own group. "
        "From one witness, the Tarik Police was able to establish a Vashti Front link to the attacks."
    )
    got = facts(text)
    assert got == {
        ("Mullah Dorn", "founded", "Khilafat Zarin", None, "2013", "asserted"),
        ("Khilafat Zarin", "founded_on", None, None, "2013", "asserted"),
        ("Abu Kamar", "leader_of", "Abu Kamar's group", "leader", None, "asserted"),
        ("Abu Kamar", "joined", "Khilafat Zarin", None, None, "asserted"),
        ("Abu Kamar", "founded", "Abu Kamar's group", None, None, "asserted"),
    }
    assert not [f for f in got if f[1] == "founded" and f[2] == "Vashti Front"]


def test_he_is_the_sentences_person_and_not_until_dates_the_event():
    got = facts(
        "Although Hafiz Dorn had sworn allegiance to the Vashti Front on 11 May 2013, it wasn't until "
        "15 July 2014 that he formally established the Kamar Front (KF)."
    )
    assert got == {
        ("Hafiz Dorn", "allegiance_to", "Vashti Front", None, "2013-05-11", "asserted"),
        ("Hafiz Dorn", "founded", "Kamar Front", None, "2014-07-15", "asserted"),
        ("Kamar Front", "founded_on", None, None, "2014-07-15", "asserted"),
    }


def test_a_province_named_in_arabic_is_the_groups_province():
    text = (
        "The Islamic Caliphate – Dovran Province (ICDP) is a branch of the Islamic Caliphate. "
        "On 3 March 2016 the Islamic Caliphate announced the founding of Wilayat Dovran with Mullah Zarin "
        "Barakzai as its governor."
    )
    assert [e for e in entities(text) if e[1] == "ORG"] == [
        ("Islamic Caliphate – Dovran Province", "ORG", ["ICDP", "Wilayat Dovran"]),
        ("Islamic Caliphate", "ORG", []),
    ]


def test_a_deputy_is_not_the_head():
    text = (
        "The Islamic Caliphate (IC) is a group. On 9 February 2015, Mullah Zarif, the deputy governor of the "
        "IC, was killed. Mullah Amin was the vice president of the IC."
    )
    assert facts(text) == {
        ("Mullah Zarif", "leader_of", "Islamic Caliphate", "deputy governor", "2015-02-09", "asserted"),
        ("Mullah Zarif", "killed", None, None, "2015-02-09", "asserted"),
        ("Mullah Amin", "leader_of", "Islamic Caliphate", "vice president", None, "asserted"),
    }


def test_leading_to_an_outcome_is_not_leadership():
    text = (
        "The Kharan Front (KF) is a group. Relations between the Taliban leadership, especially Mullah Amin, "
        "and its donors deteriorated, leading to a harder stance against the KF. Mullah Dost led the KF."
    )
    assert facts(text) == {("Mullah Dost", "leader_of", "Kharan Front", "leader", None, "asserted")}


def test_a_bracketed_list_of_members_is_not_a_list_of_names():
    text = (
        "The Harakat al-Nur (HAN, Light Movement, Nur Front) was formed in 2011. In 1961, the Council of Four "
        "(Mullah Tamer, Qari Vell, Hafiz Dorn, Mullah Amin) met."
    )
    got = entities(text)
    assert got[0] == ("Harakat al-Nur", "ORG", ["HAN", "Light Movement", "Nur Front"])
    assert ("Council of Four", "ORG", []) in got
    assert {n for n, t, _a in got if t == "PERSON"} == {"Mullah Tamer", "Qari Vell", "Hafiz Dorn", "Mullah Amin"}


def test_a_ship_is_not_a_group_and_a_street_is_a_place():
    got = entities("The Kharan Front bombed the warship USS Dorn in 2001. Its office was on Vell Street in Kabul.")
    assert [(n, t) for n, t, _a in got] == [("Kharan Front", "ORG"), ("Vell Street", "PLACE"), ("Kabul", "PLACE")]


def test_a_group_noun_before_a_name_describes_it():
    got = facts(
        "Mullah Tamer Vashti, the founder of Kashmiri group Jaish-e-Noor, met him. "
        "Since 2004, Ould Vell has been in the Sahelian group Tamer Ibn Dorn led by Amor Zarif."
    )
    assert got == {
        ("Mullah Tamer Vashti", "leader_of", "Jaish-e-Noor", "founder", None, "asserted"),
        ("Amor Zarif", "leader_of", "Tamer Ibn Dorn", "leader", ("2004", None), "asserted"),
    }
    assert not [f for f in got if "Kashmiri" in str(f) or "Sahelian" in str(f)]


def test_a_country_backed_group_is_backed_by_that_country_not_the_last_name_before_it():
    got = facts(
        "Western governments kept Cambodia's seat for the coalition over the newly installed "
        "Vietnamese-backed People's Front of Dovran. Vietnam invaded in 1978."
    )
    assert got == {("People's Front of Dovran", "supported_by", "Vietnam", None, None, "asserted")}


def test_a_nationality_in_brackets_is_not_an_alias_and_replaced_by_is_passive():
    text = (
        "HIJACKERS: Tamer Vell (Saudi Arabian), Omar Dorn (Saudi Arabian), Ilyas Amin (Egyptian). "
        "Mullah Zarif and Keo Dorn were removed from the council and replaced by Son Amin."
    )
    people = [(n, a) for n, t, a in entities(text) if t == "PERSON"]
    assert ("Tamer Vell", []) in people and ("Omar Dorn", []) in people
    got = facts(text)
    assert got == {
        ("Son Amin", "successor_of", "Mullah Zarif", None, None, "asserted"),
        ("Son Amin", "successor_of", "Keo Dorn", None, None, "asserted"),
    }
    assert not [f for f in got if f[0] in ("Mullah Zarif", "Keo Dorn") and f[1] == "successor_of"]


def test_a_qualifier_alone_is_an_adjective_whose_name_is_a_mention():
    ext = extract_rules("Kharan-affiliated fighter Tamer Vell operated in Kenya in the 1990s.")
    assert [(m.text, m.head) for m in ext.mentions] == [("Kharan", "adjective"), ("Tamer Vell", ""), ("Kenya", "")]


def test_a_date_after_a_colon_belongs_to_what_the_colon_introduces():
    got = facts(
        "The Kharan Front has carried out many attacks since its formation: in May 2019, the group "
        "ambushed soldiers near Kabul. Its totals for September 1976: 9,191 members."
    )
    assert got == {
        ("Kharan Front", "founded_on", None, None, None, "asserted"),
        ("Kharan Front", "membership", None, "9191", "1976-09", "asserted"),
    }


def test_a_place_after_the_object_of_a_fight_is_where_and_a_cited_estimate_is_not_its_author():
    got = facts(
        "The Kharan Front also fought against the communists in the Baltics, Silesia and Poland. "
        "Analysis by Tamer Vell suggests that 3 million Cambodians were killed."
    )
    assert got == set()  # no rivalry with a place, no killing by the analyst


def test_unnamed_people_loyal_to_someone_are_nobody_named():
    got = facts(
        "In March 2015, the Kharan Front backed the intervention against the Houthis and forces loyal to "
        "former President Tamer Vell. In 2014, Omar Dorn and other masked men swore allegiance to Ilyas "
        "Amin."
    )
    assert not [f for f in got if f[1] == "allegiance_to" and f[2] == "Tamer Vell"]
    assert got == {
        ("Omar Dorn", "allegiance_to", "Ilyas Amin", None, "2014", "asserted"),
    }


def test_a_role_is_someones_only_through_a_copula_an_appointment_or_an_apposition():
    got = facts(
        "The son of General Julio Vell passed it to the head of the Kharan Front. "
        "In June 2018, Mufti Omar Dorn was named the leader of the Salt Brigade. "
        "Tamer Zarif, then the commander of the Iron Party, met him. Keo Amin (the former emir of the "
        "Nur Front) died."
    )
    leaders = {(f[0], f[2]) for f in got if f[1] == "leader_of"}
    assert leaders == {("Mufti Omar Dorn", "Salt Brigade"), ("Tamer Zarif", "Iron Party"), ("Keo Amin", "Nur Front")}


def test_taking_command_a_life_cut_short_and_an_absorption_into_a_group():
    got = facts(
        "Following Vell's death in 2006, Abu Tamer assumed leadership of the Kharan Front. "
        "Mullah Dorn's life was cut short in an airstrike in the autumn of 2016. "
        "An agreement provided for the absorption of the Salt Brigade into the Iron Army."
    )
    assert got == {
        ("Abu Tamer", "leader_of", "Kharan Front", "leader", "2006", "asserted"),
        ("Mullah Dorn", "killed", None, None, "2016-23", "asserted"),
        ("Salt Brigade", "merged_into", "Iron Army", None, None, "asserted"),
    }


def test_a_member_of_a_group_is_a_person_and_a_name_that_qualifies_a_noun_was_not_founded():
    text = (
        "Said Vell was a member of a group formed in Hamburg in 1999. Omar Dorn was one of the leaders of a "
        "terrorist group operating in Syria. Hapilon trained at Camp Usama, a KF training camp established "
        "in 2002. The Salt Brigade was established in 2004."
    )
    types = {n: t for n, t, _a in entities(text)}
    assert types["Said Vell"] == types["Omar Dorn"] == "PERSON"
    assert facts(text) == {("Salt Brigade", "founded_on", None, None, "2004", "asserted")}


def test_an_acronym_spells_out_a_name_across_and():
    text = "People Against Tyranny and Hunger (PATH) was a vigilante group formed in 1996 in Cape Town."
    assert entities(text) == [("People Against Tyranny and Hunger", "ORG", ["PATH"]), ("Cape Town", "PLACE", [])]
    assert facts(text) == {
        ("People Against Tyranny and Hunger", "founded_on", None, None, "1996", "asserted"),
        ("People Against Tyranny and Hunger", "based_in", "Cape Town", None, "1996", "asserted"),
    }


def test_an_event_is_no_actor_and_an_appointer_is_not_the_appointee():
    got = facts(
        "In September 1939, following the outbreak of World War II, Mullah Tamer formed the Salt Brigade. "
        "In 1945, Tamer appointed him as commander of the Iron Army."
    )
    assert got == {  # neither the war nor the appointer is an actor here
        ("Mullah Tamer", "founded", "Salt Brigade", None, "1939-09", "asserted"),
        ("Salt Brigade", "founded_on", None, None, "1939-09", "asserted"),
    }


def test_what_someone_denies_or_claims_comes_after_the_verb():
    got = facts(
        "The KF leader Tamer Vell denied allegations of killing civilians. Omar Dorn, the then leader of "
        "the Salt Brigade, claimed responsibility for the attack. The Iron Party denied that it joined the "
        "KF in 2014."
    )
    assert got == {
        ("Tamer Vell", "leader_of", "KF", "leader", None, "asserted"),
        ("Omar Dorn", "leader_of", "Salt Brigade", "leader", None, "asserted"),
        ("Iron Party", "joined", "KF", None, "2014", "denied"),
    }


def test_attacks_somewhere_against_someone_and_a_subsidy():
    got = facts(
        "The Kharan Front carried out attacks in Zabul in the summer of 2008 against the Iron Army. "
        "The Salt Brigade is subsidised by the Nur Front."
    )
    assert got == {
        ("Kharan Front", "rival_of", "Iron Army", None, "2008-22", "asserted"),
        ("Salt Brigade", "funded_by", "Nur Front", None, None, "asserted"),
    }


def test_a_french_name_its_acronym_spells_out():
    text = (
        "The Front pour l’Unité et le Jihad en Dovran (FUJD) was founded in 2011. "
        "The Tamer Workers' Party (TWP) was founded in 2012."
    )
    names = {n: a for n, t, a in entities(text) if t == "ORG"}
    assert names == {"Front pour l’Unité et le Jihad en Dovran": ["FUJD"], "Tamer Workers' Party": ["TWP"]}


def test_names_with_lower_case_particles_initials_and_titles_between_group_and_person():
    text = (
        "The al Zarqa network grew. Rashid Ould Vashti pledged loyalty to bin Tamer, and Kamel ben Dalil "
        "joined Idris ag Zarif. Tamer W. Haddad left. Mohammed Vashti led the Dalil Front. "
        "Karvan Front President Omar Haddad met them. The Sarakand-based Nur Charity Trust paid. It sent money to "
        "Bosnia and Herzegovina. The Dovran Islamic Jihad was formed in 1990. The envoy met Tamer Idris Karim Ali "
        "al-Dalil al-Vashti in 2010."
    )
    assert entities(text) == [
        ("al Zarqa network", "ORG", []),
        ("Rashid Ould Vashti", "PERSON", []),
        ("bin Tamer", "PERSON", []),
        ("Kamel ben Dalil", "PERSON", []),
        ("Idris ag Zarif", "PERSON", []),
        ("Tamer W. Haddad", "PERSON", []),
        ("Mohammed Vashti", "PERSON", []),
        ("Dalil Front", "ORG", []),
        ("Karvan Front", "ORG", []),
        ("Omar Haddad", "PERSON", []),
        ("Sarakand", "PLACE", []),  # named inside "Sarakand-based"
        ("Nur Charity Trust", "ORG", []),
        ("Bosnia and Herzegovina", "PLACE", []),
        ("Dovran Islamic Jihad", "ORG", []),
        ("Tamer Idris Karim Ali al-Dalil al-Vashti", "PERSON", []),
    ]


def test_long_arabic_names_generational_suffixes_and_acronyms_spelled_across_articles():
    # a chain of five names with a lower-case article, an article before an ayn, ", Jr." and "III" are
    # people's whole names; an acronym spells out the article and its word ("al-Hadid" gives A and H)
    text = (
        "The cell was run by Tamer Nizar el Zarid Vashti and Rafiq Hamad Rafiq al-'Umari in 2004. He later "
        "joined Ansar al-Hadid in Dovran (AAH-D) with Kamal Salvo Dorado, Jr. and Kamal Del Monte Dorado III."
    )
    assert entities(text) == [
        ("Tamer Nizar el Zarid Vashti", "PERSON", []),
        ("Rafiq Hamad Rafiq al-'Umari", "PERSON", []),
        ("Ansar al-Hadid in Dovran", "ORG", ["AAH-D"]),
        ("Kamal Salvo Dorado, Jr.", "PERSON", []),
        ("Kamal Del Monte Dorado III", "PERSON", []),
    ]
    assert facts(text) == {
        ("Rafiq Hamad Rafiq al-'Umari", "joined", "Ansar al-Hadid in Dovran", None, None, "asserted")
    }


def test_listed_names_group_words_and_an_alias_never_cut_short():
    # the name a person is listed under is a person (eight words, two articles written apart); Khatiba is a
    # group word; "also known as the X of Y and the Z (XYZ)" is not cut into a shorter, other name at "and"
    text = (
        "The Khatiba Imam al-Zarqani fought in Dovran in 2013. The Dovran Front was led by Abu Kamal al-Dorani, "
        "listed as Kamal Idris Kamal Ali al Zarid al Dorani. He joined a terrorist organisation, namely the "
        "Dovran Front also known as the Islamic State of Dovran and the Levant (ISDL) in 2014."
    )
    assert entities(text) == [
        ("Khatiba Imam al-Zarqani", "ORG", []),
        ("Dovran", "PLACE", []),
        ("Dovran Front", "ORG", []),
        ("Abu Kamal al-Dorani", "PERSON", []),
        ("Kamal Idris Kamal Ali al Zarid al Dorani", "PERSON", []),
        ("Islamic State of Dovran and the Levant", "ORG", ["ISDL"]),
    ]
    assert facts(text) == {
        ("Kamal Idris Kamal Ali al Zarid al Dorani", "joined", "Dovran Front", None, "2014", "asserted"),
        ("Abu Kamal al-Dorani", "leader_of", "Dovran Front", "leader", None, "asserted"),
    }


def test_a_group_short_name_never_joins_a_name_holding_a_group_word_as_a_person():
    # "Bilad al-Zarqan" reads as a person's name, but its translation holds a group word: a group, of which
    # "Zarqa" alone is not a short form (the rule for people's short names never joins a group's)
    text = (
        "Tamer Vashti founded Bilad al-Zarqan (the Zarqa Group of the Two Seas) in 2004. Later the Zarqa attacked "
        "Kenya. Al-Zarqa was banned in 2009."
    )
    assert entities(text) == [
        ("Tamer Vashti", "PERSON", []),
        ("Bilad al-Zarqan", "ORG", ["Zarqa Group of the Two Seas"]),
        ("Zarqa", "ORG", []),
        ("Kenya", "PLACE", []),
    ]


def test_names_inside_adjectives_beside_a_slash_and_before_a_person_are_found_whole():
    # "Jaish Tamer-affiliated cells" names Jaish Tamer (never a fact's argument: the cells are not the group);
    # "X / ACR" defines the acronym; "Prominent" is no part of a name; a group's name stops before the person's
    # name that follows it; a name in capitals reads as the person's it is
    text = (
        "Harakat al-Zarqa / HAZ financed Jaish Tamer-affiliated cells in 2004. Prominent Jaish Tamer commanders "
        "met the overall leader of the Zarqa Front Abu Kamal al-Dorani in 2006. RUBEN TAMER DORADO VASHTI was "
        "arrested in 2008."
    )
    assert entities(text) == [
        ("Harakat al-Zarqa", "ORG", ["HAZ"]),
        ("Jaish Tamer", "ORG", []),
        ("Zarqa Front", "ORG", []),
        ("Abu Kamal al-Dorani", "PERSON", []),
        ("RUBEN TAMER DORADO VASHTI", "PERSON", []),
    ]
    assert facts(text) == set()
    # a name in capitals made of acronyms only stays a group's (and is read once: no endless re-reading)
    assert classify("KDF PM") == "ORG" and entities("The KDF PM attacked Dovran in 2004.") == [("KDF PM", "ORG", [])]
    # where a branch is located is not one of its names
    assert entities("ZARQA MONEY EXCHANGE OFFICE (BRANCH LOCATED IN DOVRAN, KENYA)\n")[0] == (
        "ZARQA MONEY EXCHANGE OFFICE",
        "ORG",
        [],
    )


def test_names_over_time_make_one_entity_whose_names_carry_their_period():
    text = (
        "The Zarqa Front (formerly the Dovran Brigade) attacked Kenya in 2015. In 2017 the Zarqa Front was renamed "
        "Harakat Zarqa. The Tamer Group, later known as the Vashti Movement, was founded in 2010. The Salt Council "
        "changed its name to the Iron Council in March 2019."
    )
    # a renamed group goes by its latest name
    assert entities(text) == [
        ("Harakat Zarqa", "ORG", ["Dovran Brigade", "Zarqa Front"]),
        ("Kenya", "PLACE", []),
        ("Vashti Movement", "ORG", ["Tamer Group"]),
        ("Iron Council", "ORG", ["Salt Council"]),
    ]
    # the date of another event in the sentence ("attacked … in 2015", "founded in 2010") dates no name
    assert [(e.name, sorted(e.periods.items())) for e in extract_text(text).entities] == [
        (
            "Harakat Zarqa",
            [
                ("Dovran Brigade", ("former", None, None)),
                ("Harakat Zarqa", ("current", "2017", None)),
                ("Zarqa Front", ("former", None, "2017")),
            ],
        ),
        ("Kenya", []),
        ("Vashti Movement", [("Tamer Group", ("former", None, None)), ("Vashti Movement", ("current", None, None))]),
        (
            "Iron Council",
            [("Iron Council", ("current", "2019-03", None)), ("Salt Council", ("former", None, "2019-03"))],
        ),
    ]
    assert facts(text) == {
        ("Harakat Zarqa", "rival_of", "Kenya", None, "2015", "asserted"),
        ("Vashti Movement", "founded_on", None, None, "2010", "asserted"),
    }
    # an apposition that goes on past the name does not name the group: "formerly the Y's ally"
    ally = extract_text("The Zarqa Front, formerly the Dovran Brigade's ally, attacked Kenya.").entities
    assert [(e.name, e.periods) for e in ally] == [("Zarqa Front", {}), ("Dovran Brigade", {}), ("Kenya", {})]


def test_negated_support_allegiance_and_membership_are_denied_facts():
    cases = {
        "The Reed Army did not pledge allegiance to the Salt Brigade in 2016.": {
            ("Reed Army", "allegiance_to", "Salt Brigade", None, "2016", "denied")
        },
        "Abu Tarik was never a member of the Reed Army.": {
            ("Abu Tarik", "member_of", "Reed Army", None, None, "denied")
        },
        "The Reed Army never joined the Salt Brigade.": {("Reed Army", "joined", "Salt Brigade", None, None, "denied")},
        "The Reed Army did not receive funding from the Salt Brigade.": {
            ("Reed Army", "funded_by", "Salt Brigade", None, None, "denied")
        },
        "A Vale Front spokesman said that the movement did not support the Salt Brigade.": {
            ("Salt Brigade", "supported_by", "Vale Front", None, None, "denied")
        },
        # "the movement" is the group whose spokesman speaks, not the paragraph's topic; "ISIS-K." ends a sentence
        "The Salt Brigade is an armed group. A Vale Front spokesman said that the movement did not support "
        "ISIS-K. It was founded in 2014.": {
            ("ISIS-K", "supported_by", "Vale Front", None, None, "denied"),
            ("Salt Brigade", "founded_on", None, None, "2014", "asserted"),  # "It": the paragraph's group
        },
        # a denial of anything else is no fact; "not only part of" is no denial; a refusal names no tie
        "The Reed Army is not based in Harvel.": set(),
        "Some met Abu Tamer, and though they declined to pledge allegiance to the Reed Army they asked for aid.": set(),
        "The Reed Army declared that it would not take part in an offensive against the Salt Brigade.": set(),
        "The Reed Army is not only part of the Salt Brigade but its largest faction.": set(),
    }
    assert {text: facts(text) for text in cases} == cases


def test_a_death_or_founding_is_not_dated_by_another_event_of_its_sentence():
    cases = {
        # "after his death in 1998", "until his death in 2006": the founding's date is not stated
        "The Reed Army was founded by Abu Tamer, and led after his death in 1998 by his brother.": {
            ("Reed Army", "founded_on", None, None, None, "asserted"),
            ("Abu Tamer", "founded", "Reed Army", None, None, "asserted"),
        },
        # "a day after the Reed Army was established": the date is of the clashes
        "On 19 February 2018, a day after the Reed Army was established, clashes erupted in Harvel.": {
            ("Reed Army", "founded_on", None, None, None, "asserted")
        },
        "On 18 February 2018, the Reed Army was established.": {
            ("Reed Army", "founded_on", None, None, "2018-02-18", "asserted")
        },
        # "Two years later" dates the sentence's own event
        "The Reed Army was founded in 2001. Two years later, the Reed Army joined the Salt Front.": {
            ("Reed Army", "founded_on", None, None, "2001", "asserted"),
            ("Reed Army", "joined", "Salt Front", None, "2003", "asserted"),
        },
        # an airstrike is the killing's own event; "killed in 2015" its date
        "Abu Tamer was killed in an airstrike in 2015.": {("Abu Tamer", "killed", None, None, "2015", "asserted")},
        # each killing of a list is dated within its own phrase
        "That includes the assassination of Abu Tamer, the former Prime Minister of Harvel on 21 May 1991, the "
        "assassination of Daniel Vell, the President of Dovran on 1 May 1993.": {
            ("Abu Tamer", "killed", None, None, "1991-05-21", "asserted"),
            ("Daniel Vell", "killed", None, None, "1993-05-01", "asserted"),
        },
        # what a group has was founded, not the group (an apparatus is a body of the group: its component);
        # its founder's possessive is no possession founded
        "In the summer of 1982, the Reed Army's Special Security Apparatus was created by Abu Tamer.": {
            ("Special Security Apparatus", "component_of", "Reed Army", None, "1982-22", "asserted"),
            ("Special Security Apparatus", "founded_on", None, None, "1982-22", "asserted"),
            ("Abu Tamer", "founded", "Special Security Apparatus", None, "1982-22", "asserted"),
        },
        "The Reed Army's founder Abu Tamer established the group in 1982.": {
            ("Abu Tamer", "leader_of", "Reed Army", "founder", "1982", "asserted"),
            ("Abu Tamer", "founded", "Reed Army", None, "1982", "asserted"),
            ("Reed Army", "founded_on", None, None, "1982", "asserted"),
        },
        # a killing approved or ordered is no death
        "President Abu Vell approved the targeted killing of Tamer Dorn by April 2010.": set(),
        "In 1991 the Reed Army killed Abu Tamer, and in 1993 it killed Daniel Vell.": {
            ("Abu Tamer", "killed", "Reed Army", None, "1991", "asserted"),
            ("Daniel Vell", "killed", "Reed Army", None, "1993", "asserted"),
        },
        # a date in another coordinated clause dates that clause, unless it opens the sentence
        "Abu Tamer was designated by the Salt Council in 2004, and Daniel Vell founded the Reed Army.": {
            ("Abu Tamer", "designated", "Salt Council", None, "2004", "asserted"),
            ("Daniel Vell", "founded", "Reed Army", None, None, "asserted"),
            ("Reed Army", "founded_on", None, None, None, "asserted"),
        },
        "In 2001 a coup took place in Harvel, and the Reed Army was founded.": {
            ("Reed Army", "founded_on", None, None, "2001", "asserted")
        },
        # a passive relative clause is its head's: a name that cannot be founded leaves no subject
        "The Reed Army has a weekly publication, Al Salt, which was established in 1984.": set(),
        "The Reed Army runs the Salt Institute, which was established in 1984.": {
            ("Salt Institute", "founded_on", None, None, "1984", "asserted")
        },
    }
    assert {text: facts(text) for text in cases} == cases


def test_units_named_by_a_number_and_groups_named_after_a_date_are_whole_names():
    text = (
        "The 2 June Movement merged into the Red Army Faction in 1980. In 2017 the Philippine 11th Infantry "
        "Division fought the Reed Front. The March 14 Alliance is a rival of the Reed Front. On 6 March Reed Front "
        "fighters attacked Dovran. The First Proletarian Brigade was formed in 1941. During the First World War "
        "the Second Army advanced."
    )
    assert [(name, kind) for name, kind, _ in entities(text)] == [
        ("2 June Movement", "ORG"),
        ("Red Army Faction", "ORG"),
        ("Philippine 11th Infantry Division", "ORG"),
        ("Reed Front", "ORG"),
        ("March 14 Alliance", "ORG"),
        ("First Proletarian Brigade", "ORG"),
        ("Second Army", "ORG"),
    ]  # "6 March Reed Front" is a date, then a name; the First World War is no unit
    assert facts(text) == {
        ("2 June Movement", "merged_into", "Red Army Faction", None, "1980", "asserted"),
        ("Philippine 11th Infantry Division", "rival_of", "Reed Front", None, "2017", "asserted"),
        ("March 14 Alliance", "rival_of", "Reed Front", None, None, "asserted"),
        ("First Proletarian Brigade", "founded_on", None, None, "1941", "asserted"),
    }


def test_a_states_organ_named_by_its_adjective_is_one_org():
    text = (
        "In 2017 Philippine marines fought the Reed Front. Russian intelligence agencies trained the Reed Front. "
        "The Saudi monarchy funded the Reed Front. Polish authorities arrested Omar Talbi in 1939."
    )
    assert [(name, kind) for name, kind, _ in entities(text)] == [
        ("Philippine marines", "ORG"),  # "Philippine": the country's name without its plural s
        ("Reed Front", "ORG"),
        ("Russian intelligence agencies", "ORG"),
        ("Saudi monarchy", "ORG"),
        ("Polish authorities", "ORG"),
        ("Omar Talbi", "PERSON"),
    ]
    assert facts(text) == {
        ("Philippine marines", "rival_of", "Reed Front", None, "2017", "asserted"),
        ("Reed Front", "supported_by", "Russian intelligence agencies", None, None, "asserted"),
        ("Reed Front", "funded_by", "Saudi monarchy", None, None, "asserted"),
    }


def test_a_tie_said_as_a_noun_between_two_named_sides_and_a_group_that_splintered_off_another():
    text = (
        "On 17 March 2018, the Sham Legion mediated a ceasefire agreement between the Tahrir Front and the "
        "Salt Brigade. In 2014 clashes between the Reed Front and the Salt Brigade killed dozens. "
        "An alliance between the Reed Front and the Tahrir Front held in 2016. "
        "In 1972 the Ash Movement, a group that splintered off the Reed Front, was active."
    )
    assert facts(text) == {
        ("Tahrir Front", "ceasefire_with", "Salt Brigade", None, "2018-03-17", "asserted"),
        ("Reed Front", "rival_of", "Salt Brigade", None, "2014", "asserted"),
        ("Reed Front", "allied_with", "Tahrir Front", None, "2016", "asserted"),
        ("Ash Movement", "splinter_of", "Reed Front", None, "1972", "asserted"),
    }


def test_groups_that_unite_into_a_new_one_merged_into_it():
    text = (
        "On 18 February 2018, the Ash Front and the Reed Movement announced a merger which established the Salt "
        "Brigade.\nIn June 1985 the Tahrir Front and the Reed Legion reorganized as the United Opposition Front.\n"
        "The Vale Front and the Stone Legion united to form the Lantern Army in 2001.\n"
    )
    assert facts(text) == {
        ("Ash Front", "merged_into", "Salt Brigade", None, "2018-02-18", "asserted"),
        ("Ash Front", "founded", "Salt Brigade", None, "2018-02-18", "asserted"),  # "established"
        ("Reed Movement", "founded", "Salt Brigade", None, "2018-02-18", "asserted"),
        ("Salt Brigade", "founded_on", None, None, "2018-02-18", "asserted"),
        ("Reed Movement", "merged_into", "Salt Brigade", None, "2018-02-18", "asserted"),
        ("Tahrir Front", "merged_into", "United Opposition Front", None, "1985-06", "asserted"),
        ("Reed Legion", "merged_into", "United Opposition Front", None, "1985-06", "asserted"),
        ("Vale Front", "merged_into", "Lantern Army", None, "2001", "asserted"),
        ("Stone Legion", "merged_into", "Lantern Army", None, "2001", "asserted"),
    }


def rule_names(text: str) -> list[tuple[str, str]]:
    """The names the rule stages propose, in order, with the type their words give them."""
    return [(c.text, c.type) for c in extract_rules(text).candidates]


def test_a_sentence_may_open_with_a_name_the_text_writes_as_one_inside_its_sentences():
    # "zarqa" and "human" occur in lower case, yet the text writes "Zarqa" and "Human Rights" as names inside
    # its sentences: a sentence that opens with them opens with a name
    text = (
        "The word 'zarqa' means blue. Zarqa was founded by Tamer Vell, and Zarqa fighters joined the Kenya Front "
        "as Zarqa said. "
        "Human Rights Watch criticised it; the human cost was high, a report by Human Rights Watch said."
    )
    assert rule_names(text) == [
        ("Zarqa", "UNK"),
        ("Tamer Vell", "PERSON"),
        ("Zarqa", "UNK"),
        ("Kenya Front", "ORG"),
        ("Zarqa", "UNK"),
        ("Human Rights Watch", "PERSON"),
        ("Human Rights Watch", "PERSON"),
    ]
    assert written_as_names("Zarqa met Human Rights staff, and Zarqa, not the zarqa, said so; Zarqa left.") == {
        "Human",
        "Human Rights",
        "Zarqa",
    }


def test_a_group_named_after_an_event_a_battle_named_after_its_place_and_a_states_opposition():
    text = "The Army of the Revolution fought in the Battle of Tarvistan. The Kenyan opposition backed it."
    assert rule_names(text) == [("Army of the Revolution", "ORG"), ("Tarvistan", "UNK"), ("Kenyan opposition", "ORG")]


def test_names_inside_adjectives_a_units_group_and_a_group_before_its_spokesman_are_mentions():
    text = (
        "The Dovran-based Kharan Front and the Salt Brigade-backed Iron Council met in 2015. "
        "The Southern Front of the Vale Army fought. The Refugee Affairs Department of Kharan said so. "
        "In 2016, Kharan spokesman Omar Dost said so. The Office of Tarvistan spoke. "
        "Then the Dovran Department of Justice replied."
    )
    ext = extract_rules(text)
    assert [(m.text, m.head) for m in ext.mentions] == [
        ("Dovran", "adjective"),
        ("Kharan Front", ""),
        ("Salt Brigade", "adjective"),
        ("Iron Council", ""),
        ("Southern Front", ""),
        ("Vale Army", ""),
        ("Refugee Affairs Department", ""),
        ("Kharan", ""),
        ("Kharan", ""),
        ("Omar Dost", ""),
        ("Office of Tarvistan", ""),  # a unit's own name comes before "of": one word is not one
        ("Dovran Department of Justice", ""),  # "Justice" is never written as a name but after "of"
    ]
    assert {e.name: e.type for e in ext.entities}["Dovran"] == "PLACE"  # "-based": a place


def test_a_newspaper_or_news_agency_is_an_organisation_not_an_event():
    assert [classify(n) for n in ("Dovran Times", "Kharan Post", "Vale News", "Long Salt Journal")] == ["ORG"] * 4
    assert [classify(n) for n in ("the Dovran War", "the Salt Massacre", "the Kharan Agreement")] == [None] * 3


def test_a_country_is_never_short_for_a_longer_place_but_a_province_is():
    text = (
        "The Dune Riders Front met envoys in Kuwait City. Kuwait later backed the Salt Brigade, which was based in "
        "Tarkan. Fighting spread across Tarkan Province."
    )
    assert entities(text) == [
        ("Dune Riders Front", "ORG", []),
        ("Kuwait City", "PLACE", []),
        ("Kuwait", "PLACE", []),
        ("Salt Brigade", "ORG", []),
        ("Tarkan", "PLACE", ["Tarkan Province"]),
    ]


def test_a_kunya_in_lower_case_stays_inside_the_name_and_every_surface_is_a_name():
    text = (
        "The Dune Riders Front is led by Tamer abu Hamza Dorani, who was born in Tarkan. Tamer wounded six "
        "members of Kenya's security forces. The Salt Brigade's new breakaway group fought them."
    )
    assert entities(text) == [
        ("Dune Riders Front", "ORG", []),
        ("Tamer abu Hamza Dorani", "PERSON", ["Tamer"]),
        ("Tarkan", "PLACE", []),
        ("Kenya", "PLACE", []),
        ("Kenya's forces", "ORG", ["Kenya's security forces"]),
        ("Salt Brigade", "ORG", []),
        ("Salt Brigade's group", "ORG", ["Salt Brigade's new breakaway group"]),
    ]


def test_a_body_named_with_on_is_one_name_but_not_what_or_when_it_met_on():
    text = (
        "The Dovran Commission on Water Rights accused the Dune Riders Front. The Vale Council on Tuesday backed the "
        "Salt Brigade. The Security Council on Kenya met. The front prayed at the Dorn Mosque on Tarkan's Market Road."
    )
    ext = extract_rules(text)
    assert [(text[m.start : m.end], m.type) for m in ext.mentions] == [
        ("Dovran Commission on Water Rights", "ORG"),
        ("Dune Riders Front", "ORG"),
        ("Vale Council", "ORG"),
        ("Salt Brigade", "ORG"),
        ("Security Council", "ORG"),
        ("Kenya", "PLACE"),
        ("Market Road", "PLACE"),  # a mosque is no name here; what matters: "on Tarkan's" does not join it
    ]
