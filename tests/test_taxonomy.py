from sitrep.extract import taxonomy


def test_six_types_and_25_subtypes() -> None:
    assert len(taxonomy.event_types()) == 6
    assert len(taxonomy.sub_event_types()) == 25
    assert len(set(taxonomy.sub_event_types())) == 25


def test_type_of_and_mappings() -> None:
    assert taxonomy.type_of("Air/drone strike") == "Explosions/Remote violence"
    assert taxonomy.type_of("Arrests") == "Strategic developments"
    assert taxonomy.plover_cameo("Peaceful protest") == ("PROTEST", "14")
    assert taxonomy.plover_of("Armed clash") == "FIGHT"
    for sub in taxonomy.sub_event_types():
        st = taxonomy.subtype(sub)
        assert st.definition and st.plover
        assert st.cameo == "" or st.cameo.isdigit()


def test_inter_codes() -> None:
    assert taxonomy.inter_code("state") == 1
    assert taxonomy.inter_code("protesters") == 6
    assert taxonomy.inter_code("civilians") == 7
    assert taxonomy.inter_code(None) == 0
    assert taxonomy.inter_code("nonsense") == 0
