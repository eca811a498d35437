print("memoria")
